import type { ClientPool } from '../gcp/clients.js';
import { billingAccountId } from '../gcp/collections.js';
import { classifyError, describeCollectionError } from '../gcp/errors.js';
import { withRetry } from '../gcp/retry.js';
import type { Requirement } from './requirements.js';
import { unionOf } from './requirements.js';

export interface Access {
  /** Permissions the caller holds on the project, of those asked; undefined when testIamPermissions failed. */
  projectPermissions?: Set<string>;
  /** On the billing account; undefined when the project has no billing account or it could not be read. */
  billingAccountPermissions?: Set<string>;
  billingAccount?: string;
  /** APIs enabled in the project; undefined when Service Usage could not be read. */
  enabledApis?: Set<string>;
  /** What could not be asked, and why. */
  problems: string[];
  /** An API that refused the user credentials for want of a quota project, when one did. */
  quotaProjectRefusedBy?: string;
}

/** Asks Google what the caller may do (testIamPermissions) and which APIs are on (Service Usage); reads nothing else. */
export async function probeAccess(
  pool: ClientPool,
  project: string,
  requirements: readonly Requirement[],
): Promise<Access> {
  const wanted = unionOf(requirements);
  const problems: string[] = [];
  let quotaProjectRefusedBy: string | undefined;
  const call = pool.call;
  const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await withRetry(fn);
    } catch (error) {
      const classified = classifyError(error);
      if (classified.kind === 'no-credentials') throw new NoCredentialsError(classified.message);
      if (classified.kind === 'credentials-rejected') throw new CredentialsRejectedError(classified.message);
      if (classified.kind === 'quota-project') quotaProjectRefusedBy ??= classified.api ?? 'an API';
      problems.push(`${what}: ${describeCollectionError(classified)}`);
      return undefined;
    }
  };

  const [projectPermissions, enabledApis, billing] = await Promise.all([
    attempt('testIamPermissions on the project', async () => {
      const client = await pool.get('projects');
      const [response] = await client.testIamPermissions(
        { resource: `projects/${project}`, permissions: wanted.projectPermissions },
        call,
      );
      return new Set(response.permissions ?? []);
    }),
    attempt('enabled APIs (Service Usage)', async () => {
      const client = await pool.get('serviceUsage');
      const names = new Set<string>();
      for await (const service of client.listServicesAsync(
        { parent: `projects/${project}`, filter: 'state:ENABLED' },
        call,
      )) {
        const name = service.config?.name || service.name?.split('/').at(-1);
        if (name) names.add(name);
      }
      return names;
    }),
    wanted.billingAccountPermissions.length === 0
      ? Promise.resolve(undefined)
      : attempt('billing account permissions', async () => {
          const billingClient = await pool.get('cloudBilling');
          const [info] = await billingClient.getProjectBillingInfo({ name: `projects/${project}` }, call);
          const account = billingAccountId(info);
          if (!account || !info.billingEnabled) return { account: undefined, held: undefined };
          const [response] = await billingClient.testIamPermissions(
            { resource: `billingAccounts/${account}`, permissions: wanted.billingAccountPermissions },
            call,
          );
          return { account, held: new Set(response.permissions ?? []) };
        }),
  ]);
  return {
    ...(projectPermissions ? { projectPermissions } : {}),
    ...(billing?.held ? { billingAccountPermissions: billing.held } : {}),
    ...(billing?.account ? { billingAccount: billing.account } : {}),
    ...(enabledApis ? { enabledApis } : {}),
    problems,
    ...(quotaProjectRefusedBy ? { quotaProjectRefusedBy } : {}),
  };
}

export class NoCredentialsError extends Error {
  constructor(detail: string) {
    super(
      `no Google credentials found (${detail}). Run \`gcloud auth application-default login\`, or set GOOGLE_APPLICATION_CREDENTIALS to a service account or workload identity federation key file.`,
    );
    this.name = 'NoCredentialsError';
  }
}

/** Google refused the credentials themselves: nothing about permissions can be learnt until they are renewed. */
export class CredentialsRejectedError extends Error {
  constructor(detail: string) {
    super(`Google refused the credentials (${detail}). Run \`gcloud auth application-default login\` again.`);
    this.name = 'CredentialsRejectedError';
  }
}
