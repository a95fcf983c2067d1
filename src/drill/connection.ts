import { acceptsOnlyEncrypted } from '../gcp/model/sql.js';
import type { ClientPool } from '../gcp/clients.js';
import { DrillRefusal } from './errors.js';

/** How the drill reaches the scratch instance's PostgreSQL, as a Cloud SQL user would from inside the VPC. */
export interface ConnectionSettings {
  /** Which of the instance's addresses: its private IP (default) or its public one. */
  ipType: 'private' | 'public';
  port: number;
  user: string;
  /**
   * Where the password comes from: an environment variable, a Secret Manager secret version, or IAM database
   * authentication (an OAuth access token from the drill's own credentials, for an IAM database user).
   */
  password: { env: string } | { secret: string } | { iam: true };
  /** verify: TLS, the server certificate checked against the instance's own CA and name; disable: plain. */
  ssl: 'verify' | 'disable';
}

/** What a scratch instance tells a client about reaching it. */
export interface ReachableInstance {
  name?: string;
  dnsName?: string;
  ipAddresses?: { type?: string; ipAddress?: string }[];
  serverCaCert?: { cert?: string };
  settings?: { ipConfiguration?: { sslMode?: string; requireSsl?: boolean } };
}

/** TLS settings for pg: trust only the instance's server CA, and only a certificate issued to this instance. */
export interface InstanceTls {
  ca: string;
  checkServerIdentity: (
    host: string,
    cert: { subject?: { CN?: string }; subjectaltname?: string },
  ) => Error | undefined;
}

/**
 * Cloud SQL server certificates name the instance (CN=PROJECT:INSTANCE, or its DNS name), not the IP address a
 * client dials, so the host name check is replaced by that one; the chain is still verified against the CA.
 */
export function instanceTls(project: string, instance: ReachableInstance): InstanceTls {
  const ca = instance.serverCaCert?.cert;
  if (!ca)
    throw new Error(
      `${instance.name} has no server CA certificate to verify its TLS certificate with; use --ssl disable to connect unencrypted`,
    );
  const expected = `${project}:${instance.name}`;
  return {
    ca,
    checkServerIdentity: (_host, cert) => {
      const names = (cert.subjectaltname ?? '')
        .split(', ')
        .filter((n) => n.startsWith('DNS:'))
        .map((n) => n.slice(4));
      if (cert.subject?.CN === expected || (instance.dnsName && names.includes(instance.dnsName))) return undefined;
      return new Error(`the server certificate names ${cert.subject?.CN ?? 'no one'}, not ${expected}`);
    },
  };
}

/** Refuses, before anything is restored, a drill that could never connect the way it was asked to. */
export function checkReachable(source: ReachableInstance, settings: ConnectionSettings): void {
  const mode = source.settings?.ipConfiguration?.sslMode;
  if (mode === 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED') {
    throw new DrillRefusal(
      `${source.name} requires client certificates (sslMode TRUSTED_CLIENT_CERTIFICATE_REQUIRED), which gtp does not present: run the drill without --verify, or verify through the Cloud SQL Auth Proxy`,
    );
  }
  if (settings.ssl === 'disable' && acceptsOnlyEncrypted(source)) {
    throw new DrillRefusal(
      `${source.name} accepts only encrypted connections (sslMode ${mode ?? 'requireSsl'}), and so will its restored copy: drop --ssl disable`,
    );
  }
}

export interface Credentials {
  user: string;
  /** Never printed, never written into evidence. */
  password: string;
}

/**
 * The password, read before anything is restored, so that a drill that could never log in is refused before it
 * creates an instance. A restored instance keeps the source's users, so it is the source's password.
 */
export async function readCredentials(
  settings: ConnectionSettings,
  pool: () => Promise<ClientPool>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Credentials> {
  if ('iam' in settings.password) {
    const token = await (await pool()).accessToken();
    return { user: settings.user, password: token };
  }
  if ('env' in settings.password) {
    const password = env[settings.password.env];
    if (!password)
      throw new DrillRefusal(
        `no database password: set ${settings.password.env}, or name another variable with --password-env, or a secret with --password-secret`,
      );
    return { user: settings.user, password };
  }
  const name = settings.password.secret;
  if (!/^projects\/[^/]+\/secrets\/[^/]+\/versions\/[^/]+$/.test(name)) {
    throw new DrillRefusal(
      `--password-secret must be projects/PROJECT/secrets/SECRET/versions/VERSION (VERSION may be "latest"), got ${name}`,
    );
  }
  const client = await (await pool()).get('secretManager');
  const [version] = await client.accessSecretVersion({ name });
  const data = version.payload?.data;
  const password =
    typeof data === 'string'
      ? Buffer.from(data, 'base64').toString('utf8')
      : data
        ? Buffer.from(data).toString('utf8')
        : '';
  if (!password) throw new DrillRefusal(`secret version ${name} holds no password`);
  return { user: settings.user, password };
}

/** The scratch instance's address of the asked type, as the API lists it. */
export function instanceHost(instance: ReachableInstance, ipType: ConnectionSettings['ipType']): string {
  const wanted = ipType === 'private' ? 'PRIVATE' : 'PRIMARY';
  const address = instance.ipAddresses?.find((a) => a.type === wanted)?.ipAddress;
  if (!address) {
    const has = (instance.ipAddresses ?? []).map((a) => `${a.type}:${a.ipAddress}`).join(', ') || 'none';
    throw new Error(
      `${instance.name} has no ${wanted} IP address (it has ${has}); try --ip-type ${ipType === 'private' ? 'public' : 'private'}`,
    );
  }
  return address;
}
