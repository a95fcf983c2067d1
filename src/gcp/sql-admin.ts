import type { ClientPool } from './clients.js';
import { fromRestJson, toRestJson } from './normalize.js';
import { allPages } from './pages.js';
import { needing } from './errors.js';
import { ROUTES } from './routes.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';

const SQL = '@google-cloud/sql';
/** gax's own retries are off: reads are retried by withRetry; writes are made once (a repeated clone is not harmless). */

/** A Cloud SQL operation, as REST JSON. */
export interface SqlOperation {
  name: string;
  operationType?: string;
  status?: 'SQL_OPERATION_STATUS_UNSPECIFIED' | 'PENDING' | 'RUNNING' | 'DONE';
  targetId?: string;
  error?: { errors?: { code?: string; message?: string }[] };
}

/** A backup run, as REST JSON. */
export interface BackupRun {
  id?: string;
  status?: string;
  type?: string;
  backupKind?: string;
  startTime?: string;
  endTime?: string;
  windowStartTime?: string;
  instance?: string;
  databaseVersion?: string;
}

/**
 * The Cloud SQL Admin calls a restore drill makes, through the official client, answering in REST JSON.
 * Everything that writes names the instance it writes to; nothing here writes to an instance it did not create
 * except clone, which only reads its source.
 */
export class CloudSqlAdmin {
  constructor(
    private readonly pool: ClientPool,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async getInstance(project: string, instance: string): Promise<Record<string, unknown>> {
    return needing(ROUTES.sqlInstance.permission, async () => {
      const client = await this.pool.get('sqlInstances');
      const [value] = await withRetry(() => client.get({ project, instance }, this.pool.call), this.retry);
      return (await toRestJson(value, SQL, 'google.cloud.sql.v1.DatabaseInstance')) as Record<string, unknown>;
    });
  }

  async listInstances(project: string): Promise<Record<string, unknown>[]> {
    return needing(ROUTES.sqlInstances.permission, async () => {
      const client = await this.pool.get('sqlInstances');
      const items = await allPages(async (pageToken) => {
        const [page] = await withRetry(
          () => client.list({ project, ...(pageToken ? { pageToken } : {}) }, this.pool.call),
          this.retry,
        );
        return { items: page.items, next: page.nextPageToken };
      });
      return (await Promise.all(
        items.map((i) => toRestJson(i, SQL, 'google.cloud.sql.v1.DatabaseInstance')),
      )) as Record<string, unknown>[];
    });
  }

  async listBackupRuns(project: string, instance: string): Promise<BackupRun[]> {
    return needing(ROUTES.sqlBackupRuns.permission, async () => {
      const client = await this.pool.get('sqlBackupRuns');
      const items = await allPages(async (pageToken) => {
        const [page] = await withRetry(
          () => client.list({ project, instance, ...(pageToken ? { pageToken } : {}) }, this.pool.call),
          this.retry,
        );
        return { items: page.items, next: page.nextPageToken };
      });
      return (await Promise.all(items.map((i) => toRestJson(i, SQL, 'google.cloud.sql.v1.BackupRun')))) as BackupRun[];
    });
  }

  /** The latest time the instance can be recovered to by point-in-time recovery. */
  async latestRecoveryTime(project: string, instance: string): Promise<string | undefined> {
    return needing(ROUTES.sqlLatestRecoveryTime.permission, async () => {
      const client = await this.pool.get('sqlInstances');
      const [value] = await withRetry(
        () => client.getLatestRecoveryTime({ project, instance }, this.pool.call),
        this.retry,
      );
      return (
        (await toRestJson(value, SQL, 'google.cloud.sql.v1.SqlInstancesGetLatestRecoveryTimeResponse')) as {
          latestRecoveryTime?: string;
        }
      ).latestRecoveryTime;
    });
  }

  async clone(project: string, source: string, destination: string, pointInTime?: string): Promise<SqlOperation> {
    return needing(ROUTES.sqlClone.permission, async () => {
      const client = await this.pool.get('sqlInstances');
      const body = await request('InstancesCloneRequest', {
        cloneContext: { destinationInstanceName: destination, ...(pointInTime ? { pointInTime } : {}) },
      });
      const [operation] = await client.clone({ project, instance: source, body }, this.pool.call);
      return this.operation(operation);
    });
  }

  async insert(project: string, body: Record<string, unknown>): Promise<SqlOperation> {
    return needing(ROUTES.sqlInsert.permission, async () => {
      const client = await this.pool.get('sqlInstances');
      const [operation] = await client.insert(
        { project, body: await request('DatabaseInstance', body) },
        this.pool.call,
      );
      return this.operation(operation);
    });
  }

  async restoreBackup(
    project: string,
    target: string,
    source: { project: string; instance: string; backupRunId: string },
  ): Promise<SqlOperation> {
    return needing(ROUTES.sqlRestoreBackup.permission, async () => {
      const client = await this.pool.get('sqlInstances');
      const body = await request('InstancesRestoreBackupRequest', {
        restoreBackupContext: { project: source.project, instanceId: source.instance, backupRunId: source.backupRunId },
      });
      const [operation] = await client.restoreBackup({ project, instance: target, body }, this.pool.call);
      return this.operation(operation);
    });
  }

  /** Replaces the instance's labels and turns deletion protection off, so that the drill can always delete it. */
  async relabel(project: string, instance: string, labels: Record<string, string>): Promise<SqlOperation> {
    return needing(ROUTES.sqlPatch.permission, async () => {
      const client = await this.pool.get('sqlInstances');
      const body = await request('DatabaseInstance', {
        settings: { userLabels: labels, deletionProtectionEnabled: false },
      });
      const [operation] = await client.patch({ project, instance, body }, this.pool.call);
      return this.operation(operation);
    });
  }

  async delete(project: string, instance: string): Promise<SqlOperation> {
    return needing(ROUTES.sqlDelete.permission, async () => {
      const client = await this.pool.get('sqlInstances');
      const [operation] = await withRetry(() => client.delete({ project, instance }, this.pool.call), this.retry);
      return this.operation(operation);
    });
  }

  async getOperation(project: string, operation: string): Promise<SqlOperation> {
    return needing(ROUTES.sqlOperation.permission, async () => {
      const client = await this.pool.get('sqlOperations');
      const [value] = await withRetry(() => client.get({ project, operation }, this.pool.call), this.retry);
      return this.operation(value);
    });
  }

  /** Asks Cloud SQL to stop an operation (best effort: it may already have finished). */
  async cancelOperation(project: string, operation: string): Promise<void> {
    return needing(ROUTES.sqlOperationCancel.permission, async () => {
      const client = await this.pool.get('sqlOperations');
      await client.cancel({ project, operation }, this.pool.call);
    });
  }

  private async operation(value: unknown): Promise<SqlOperation> {
    return (await toRestJson(value, SQL, 'google.cloud.sql.v1.Operation')) as SqlOperation;
  }
}

/** Request bodies are written as the REST API documents them and converted to the client's message form. */
function request(type: string, json: Record<string, unknown>): Promise<Record<string, unknown>> {
  return fromRestJson(json, SQL, `google.cloud.sql.v1.${type}`);
}
