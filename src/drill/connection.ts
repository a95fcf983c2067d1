import type { ClientPool } from '../gcp/clients.js';
import { DrillRefusal } from './plan.js';

/** How the drill reaches the scratch instance's PostgreSQL, as a Cloud SQL user would from inside the VPC. */
export interface ConnectionSettings {
  /** Which of the instance's addresses: its private IP (default) or its public one. */
  ipType: 'private' | 'public';
  port: number;
  user: string;
  /** Where the password comes from: an environment variable, or a Secret Manager secret version. */
  password: { env: string } | { secret: string };
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
export async function readCredentials(settings: ConnectionSettings, pool: () => Promise<ClientPool>, env: NodeJS.ProcessEnv = process.env): Promise<Credentials> {
  if ('env' in settings.password) {
    const password = env[settings.password.env];
    if (!password) throw new DrillRefusal(`no database password: set ${settings.password.env}, or name another variable with --password-env, or a secret with --password-secret`);
    return { user: settings.user, password };
  }
  const name = settings.password.secret;
  if (!/^projects\/[^/]+\/secrets\/[^/]+\/versions\/[^/]+$/.test(name)) {
    throw new DrillRefusal(`--password-secret must be projects/PROJECT/secrets/SECRET/versions/VERSION (VERSION may be "latest"), got ${name}`);
  }
  const client = await (await pool()).get('secretManager');
  const [version] = await client.accessSecretVersion({ name });
  const data = version.payload?.data;
  const password = typeof data === 'string' ? Buffer.from(data, 'base64').toString('utf8') : data ? Buffer.from(data).toString('utf8') : '';
  if (!password) throw new DrillRefusal(`secret version ${name} holds no password`);
  return { user: settings.user, password };
}

/** The scratch instance's address of the asked type, as the API lists it. */
export function instanceHost(instance: { name?: string; ipAddresses?: { type?: string; ipAddress?: string }[] }, ipType: ConnectionSettings['ipType']): string {
  const wanted = ipType === 'private' ? 'PRIVATE' : 'PRIMARY';
  const address = instance.ipAddresses?.find((a) => a.type === wanted)?.ipAddress;
  if (!address) {
    const has = (instance.ipAddresses ?? []).map((a) => `${a.type}:${a.ipAddress}`).join(', ') || 'none';
    throw new Error(`${instance.name} has no ${wanted} IP address (it has ${has}); try --ip-type ${ipType === 'private' ? 'public' : 'private'}`);
  }
  return address;
}
