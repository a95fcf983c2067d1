import { randomUUID } from 'node:crypto';
import { ROUTES, routeKey } from '../gcp/routes.js';
import type { World } from '../gcp/world.js';
import type { Clock } from '../util/clock.js';
import { failure, type Answer } from './errors.js';
import { listPage } from './pagination.js';
import { partialFields } from '../gcp/incomplete.js';

/**
 * Where the emulator keeps instance data when a drill must restore real rows (a local PostgreSQL server);
 * without one, instances are metadata only and every restore succeeds instantly.
 */
export interface SqlDataBackend {
  /** A new, empty instance. */
  create(instance: string): Promise<void>;
  /** A copy of every database of `source`, as a clone makes. */
  clone(source: string, target: string): Promise<void>;
  /** Replaces the databases of `target` with those of a backup run of `source`. */
  restore(source: string, backupRunId: string, target: string): Promise<void>;
  drop(instance: string): Promise<void>;
  /** Starts accepting connections for the instance at its address, encrypted or not as it requires. */
  serve(project: string, instance: string, requiresTls: () => boolean): Promise<void>;
  /** The IP address clients reach the instance at. */
  address(instance: string): string;
  /** The CA certificate that signs the instance's server certificate (an SslCert). */
  serverCaCert(project: string, instance: string): Record<string, unknown>;
}

/** Operations that misbehave on purpose, by operationType (CLONE, CREATE, RESTORE_VOLUME, UPDATE, DELETE). */
export interface CloudSqlFaults {
  /** Never finish: stay RUNNING however often they are polled. */
  stall?: readonly string[];
  /** Finish DONE with an error instead of doing the work. */
  fail?: readonly string[];
}

type Instance = Record<string, unknown> & {
  name: string;
  state?: string;
  settings?: Record<string, unknown> & {
    userLabels?: Record<string, string>;
    deletionProtectionEnabled?: boolean;
    ipConfiguration?: { sslMode?: string; requireSsl?: boolean };
    backupConfiguration?: {
      enabled?: boolean;
      pointInTimeRecoveryEnabled?: boolean;
      binaryLogEnabled?: boolean;
      transactionLogRetentionDays?: number;
    };
  };
};

// The emulator's own statement of Cloud SQL's preconditions, from the Admin API reference and the Cloud SQL
// documentation, deliberately not imported from gtp's model: a wrong rule in the checks must fail a test
// against the emulator, not be confirmed by its own copy.

/**
 * Cloud SQL answers getLatestRecoveryTime and clones to a point in time only when point-in-time recovery is on:
 * automated backups, plus binary logging for MySQL, or pointInTimeRecoveryEnabled for PostgreSQL and SQL Server.
 */
function recoversToPointInTime(instance: Instance): boolean {
  const backup = instance.settings?.backupConfiguration;
  if (backup?.enabled !== true) return false;
  const engine = typeof instance.databaseVersion === 'string' ? instance.databaseVersion : '';
  return engine.startsWith('MYSQL_') ? backup.binaryLogEnabled === true : backup.pointInTimeRecoveryEnabled === true;
}

/**
 * IpConfiguration.sslMode decides whether the server takes plain connections; the legacy requireSsl only matters
 * where sslMode is not set (the reference: the two must not conflict, and sslMode is the one to use).
 */
function refusesUnencrypted(instance: Instance): boolean {
  const ip = instance.settings?.ipConfiguration;
  switch (ip?.sslMode) {
    case 'ENCRYPTED_ONLY':
    case 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED':
      return true;
    case 'ALLOW_UNENCRYPTED_AND_ENCRYPTED':
      return false;
    default:
      return ip?.requireSsl === true;
  }
}

interface PendingOperation {
  json: Record<string, unknown> & { status: string };
  polls: number;
  work: Promise<void>;
  outcome?: { error?: string };
}

/**
 * Cloud SQL Admin as a drill sees it: instances that can be created, cloned, restored into, relabelled and
 * deleted, each change a long-running operation that moves PENDING → RUNNING → DONE as it is polled. Reads of
 * instances come from here too, so that what a drill creates can be listed and read back.
 */
export class CloudSqlService {
  private readonly instances = new Map<string, Map<string, Instance>>();
  private readonly operations = new Map<string, PendingOperation>();

  constructor(
    private readonly world: World,
    private readonly clock: Clock,
    private readonly backend?: SqlDataBackend,
    private readonly faults: CloudSqlFaults = {},
  ) {}

  /** Every request this service answers; undefined for one it does not own. */
  answer(
    routeId: string,
    params: Record<string, string>,
    body: string,
    query: URLSearchParams,
    pageSize?: number,
  ): Answer | undefined {
    const project = params.project!;
    switch (routeId) {
      case ROUTES.sqlInstances.id:
        return [
          200,
          {
            ...listPage(ROUTES.sqlInstances, [...this.project(project).values()], query, pageSize),
            // An unreachable region the world states (Cloud SQL answers with `warnings`, on every page).
            ...partialFields(this.world, routeKey(ROUTES.sqlInstances, { project })),
          },
        ];
      case ROUTES.sqlInstance.id:
        return this.withInstance(project, params.instance!, (instance) => [200, instance]);
      case ROUTES.sqlLatestRecoveryTime.id:
        return this.withInstance(project, params.instance!, (instance) => this.latestRecoveryTime(instance));
      case ROUTES.sqlOperation.id:
        return this.poll(params.operation!);
      case ROUTES.sqlOperationCancel.id:
        return this.cancel(params.operation!);
      case ROUTES.sqlInsert.id:
        return this.insert(project, parse(body));
      case ROUTES.sqlClone.id:
        return this.withInstance(project, params.instance!, (source) => this.clone(project, source, parse(body)));
      case ROUTES.sqlRestoreBackup.id:
        return this.withInstance(project, params.instance!, (target) =>
          this.restoreBackup(project, target, parse(body)),
        );
      case ROUTES.sqlPatch.id:
        return this.withInstance(project, params.instance!, (instance) => this.patch(project, instance, parse(body)));
      case ROUTES.sqlDelete.id:
        return this.withInstance(project, params.instance!, (instance) => this.delete(project, instance));
      default:
        return undefined;
    }
  }

  /** The instances of a project now (tests read this to see what a drill left behind). */
  list(project: string): Instance[] {
    return [...this.project(project).values()];
  }

  private project(project: string): Map<string, Instance> {
    let instances = this.instances.get(project);
    if (!instances) {
      const listed = this.world[routeKey(ROUTES.sqlInstances, { project })];
      instances = new Map(
        (Array.isArray(listed) ? (structuredClone(listed) as Instance[]) : []).map((i) => [i.name, i]),
      );
      this.instances.set(project, instances);
    }
    return instances;
  }

  private withInstance(project: string, name: string, then: (instance: Instance) => Answer): Answer {
    const instance = this.project(project).get(name);
    return instance ? then(instance) : failure(404, 'NOT_FOUND', `The Cloud SQL instance does not exist.`);
  }

  private latestRecoveryTime(instance: Instance): Answer {
    if (!recoversToPointInTime(instance))
      return failure(400, 'FAILED_PRECONDITION', 'Point in time recovery is not enabled for this instance.');
    return [
      200,
      {
        kind: 'sql#getLatestRecoveryTime',
        latestRecoveryTime: new Date(this.clock.now().getTime() - 1000).toISOString(),
      },
    ];
  }

  private insert(project: string, body: Record<string, unknown>): Answer {
    const name = body.name;
    if (typeof name !== 'string' || !/^[a-z][a-z0-9-]{0,97}$/.test(name))
      return failure(400, 'INVALID_ARGUMENT', 'Invalid request: instance name.');
    if (this.project(project).has(name))
      return failure(409, 'ALREADY_EXISTS', 'The Cloud SQL instance already exists.');
    const instance = this.newInstance(project, name, body);
    return this.start(project, 'CREATE', instance, async () => {
      await this.backend?.create(name);
      await this.ready(project, instance);
    });
  }

  private clone(project: string, source: Instance, body: Record<string, unknown>): Answer {
    const context = (body.cloneContext ?? {}) as { destinationInstanceName?: string; pointInTime?: string };
    const name = context.destinationInstanceName;
    if (!name)
      return failure(400, 'INVALID_ARGUMENT', 'Invalid request: cloneContext.destinationInstanceName is required.');
    if (this.project(project).has(name))
      return failure(409, 'ALREADY_EXISTS', 'The Cloud SQL instance already exists.');
    if (context.pointInTime) {
      if (!recoversToPointInTime(source))
        return failure(400, 'FAILED_PRECONDITION', 'Point in time recovery is not enabled for the source instance.');
      const at = Date.parse(context.pointInTime);
      // Unset, the retention is the edition's default: 14 days on Enterprise Plus, 7 on Enterprise (Cloud SQL docs).
      const retention =
        source.settings?.backupConfiguration?.transactionLogRetentionDays ??
        (source.settings?.edition === 'ENTERPRISE_PLUS' ? 14 : 7);
      const now = this.clock.now().getTime();
      if (!(at <= now && at >= now - retention * 86_400_000)) {
        return failure(400, 'INVALID_ARGUMENT', 'Invalid request: the point in time is outside the recovery window.');
      }
    }
    const copy = structuredClone(source) as Instance;
    delete copy.replicaNames;
    delete copy.ipAddresses;
    const instance = this.newInstance(project, name, copy);
    return this.start(project, 'CLONE', instance, async () => {
      await this.backend?.clone(source.name, name);
      await this.ready(project, instance);
    });
  }

  private restoreBackup(project: string, target: Instance, body: Record<string, unknown>): Answer {
    const context = (body.restoreBackupContext ?? {}) as {
      backupRunId?: string;
      instanceId?: string;
      project?: string;
    };
    const sourceProject = context.project ?? project;
    const source = context.instanceId ?? target.name;
    const runs = this.world[routeKey(ROUTES.sqlBackupRuns, { project: sourceProject, instance: source })];
    const run = (Array.isArray(runs) ? (runs as { id?: string; status?: string }[]) : []).find(
      (r) => String(r.id) === String(context.backupRunId),
    );
    if (!run)
      return failure(
        404,
        'NOT_FOUND',
        `The backup run ${context.backupRunId ?? '(none)'} of ${source} does not exist.`,
      );
    if (run.status !== 'SUCCESSFUL')
      return failure(400, 'FAILED_PRECONDITION', `The backup run ${run.id} is ${run.status}, not SUCCESSFUL.`);
    if (target.state !== 'RUNNABLE')
      return failure(409, 'FAILED_PRECONDITION', `The instance ${target.name} is ${target.state}.`);
    return this.start(project, 'RESTORE_VOLUME', target, async () => {
      await this.backend?.restore(source, String(run.id), target.name);
    });
  }

  private patch(project: string, instance: Instance, body: Record<string, unknown>): Answer {
    return this.start(project, 'UPDATE', instance, async () => {
      const settings = (body.settings ?? {}) as Record<string, unknown>;
      instance.settings = { ...(instance.settings ?? {}), ...settings };
      const version = Number(instance.settings.settingsVersion ?? 1);
      instance.settings.settingsVersion = String(version + 1);
    });
  }

  private delete(project: string, instance: Instance): Answer {
    if (instance.settings?.deletionProtectionEnabled) {
      return failure(
        400,
        'FAILED_PRECONDITION',
        'The instance is protected from deletion. Turn deletion protection off first.',
      );
    }
    return this.start(project, 'DELETE', instance, async () => {
      instance.state = 'PENDING_DELETE';
      await this.backend?.drop(instance.name);
      this.project(project).delete(instance.name);
    });
  }

  private newInstance(project: string, name: string, from: Record<string, unknown>): Instance {
    const region = typeof from.region === 'string' ? from.region : 'us-central1';
    const instance: Instance = {
      ...from,
      kind: 'sql#instance',
      name,
      project,
      region,
      state: 'PENDING_CREATE',
      instanceType: 'CLOUD_SQL_INSTANCE',
      connectionName: `${project}:${region}:${name}`,
      selfLink: `https://sqladmin.googleapis.com/v1/projects/${project}/instances/${name}`,
      createTime: this.clock.now().toISOString(),
    };
    this.project(project).set(name, instance);
    return instance;
  }

  private async ready(project: string, instance: Instance): Promise<void> {
    if (this.backend) {
      await this.backend.serve(project, instance.name, () => refusesUnencrypted(instance));
      instance.ipAddresses = [{ type: 'PRIVATE', ipAddress: this.backend.address(instance.name) }];
      instance.serverCaCert = this.backend.serverCaCert(project, instance.name);
    }
    instance.state = 'RUNNABLE';
  }

  /**
   * Starts an operation: the work runs now; the operation reports DONE once it has finished and been polled
   * twice. As in Cloud SQL, an instance takes one operation at a time: another is refused with 409 until then.
   */
  private start(project: string, type: string, target: Instance, work: () => Promise<void>): Answer {
    const busy = [...this.operations.values()].find(
      (o) => o.json.targetId === target.name && o.json.targetProject === project && o.json.status !== 'DONE',
    );
    if (busy)
      return failure(
        409,
        'ABORTED',
        `Operation failed because another operation was already in progress (${busy.json.operationType as string} ${busy.json.name}).`,
      );
    const name = randomUUID();
    const now = this.clock.now().toISOString();
    const json = {
      kind: 'sql#operation',
      name,
      operationType: type,
      status: 'PENDING',
      targetId: target.name,
      targetProject: project,
      targetLink: `https://sqladmin.googleapis.com/v1/projects/${project}/instances/${target.name}`,
      selfLink: `https://sqladmin.googleapis.com/v1/projects/${project}/operations/${name}`,
      user: 'emulator@gtp.local',
      insertTime: now,
    };
    const operation: PendingOperation = { json, polls: 0, work: Promise.resolve() };
    if (this.faults.fail?.includes(type)) {
      operation.outcome = { error: `The ${type} operation failed: internal error in the emulated Cloud SQL.` };
    } else if (!this.faults.stall?.includes(type)) {
      operation.work = work().then(
        () => void (operation.outcome = {}),
        (e: unknown) => void (operation.outcome = { error: (e as Error).message }),
      );
    }
    this.operations.set(name, operation);
    return [200, { ...json }];
  }

  private poll(name: string): Answer {
    const operation = this.operations.get(name);
    if (!operation) return failure(404, 'NOT_FOUND', `The operation ${name} does not exist.`);
    operation.polls += 1;
    const { json } = operation;
    if (json.status === 'PENDING') {
      json.status = 'RUNNING';
      json.startTime = this.clock.now().toISOString();
    } else if (json.status === 'RUNNING' && operation.outcome && operation.polls > 1) {
      json.status = 'DONE';
      json.endTime = this.clock.now().toISOString();
      if (operation.outcome.error)
        json.error = {
          kind: 'sql#operationErrors',
          errors: [{ kind: 'sql#operationError', code: 'INTERNAL_ERROR', message: operation.outcome.error }],
        };
    }
    return [200, { ...json }];
  }

  /** A cancelled operation ends DONE with an error; its target is left as it was (a half-made instance stays). */
  private cancel(name: string): Answer {
    const operation = this.operations.get(name);
    if (!operation) return failure(404, 'NOT_FOUND', `The operation ${name} does not exist.`);
    if (operation.json.status !== 'DONE') {
      operation.json.status = 'DONE';
      operation.json.endTime = this.clock.now().toISOString();
      operation.json.error = {
        kind: 'sql#operationErrors',
        errors: [{ kind: 'sql#operationError', code: 'OPERATION_CANCELLED', message: 'The operation was cancelled.' }],
      };
    }
    return [200, {}];
  }

  /** Resolves when every operation's work has finished (stalled ones never started any). */
  async settle(): Promise<void> {
    await Promise.all([...this.operations.values()].map((o) => o.work));
  }
}

function parse(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body || '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
