import type { ClientPool } from '../gcp/clients.js';
import type { CloudSqlAdmin, SqlOperation } from '../gcp/sql-admin.js';
import { pitrEnabled } from '../gcp/model/sql.js';
import {
  checkReachable,
  instanceHost,
  instanceTls,
  readCredentials,
  type ConnectionSettings,
  type Credentials,
  type ReachableInstance,
} from './connection.js';
import { formatSeconds } from '../util/duration.js';
import { monotonicMs, type Clock } from '../util/clock.js';
import { CLEANUP_TIMEOUT_MS, deleteScratch } from './cleanup.js';
import { DrillRefusal, reasonOf, VerificationFailed } from './errors.js';
import { planDrill, type DrillPlan, type RestoreRequest, type SourceInstance } from './plan.js';
import type { Progress } from './progress.js';
import type { DrillRecord, DrillStep, StepName, VerificationResult } from '../evidence/record.js';
import { drillId } from './scratch.js';
import { runVerification } from './verify.js';
import type { VerificationSpec } from './verify-spec.js';
import { bounded, waitForOperation } from './wait.js';

export interface DrillSettings {
  project: string;
  instance: string;
  request: RestoreRequest;
  verification?: VerificationSpec;
  connection: ConnectionSettings;
  /** Restore and verification together must finish within this. */
  timeoutMs: number;
  /** First pause between polls of an operation (it backs off from there). */
  pollMs: number;
  keep: boolean;
}

export interface DrillContext {
  admin: CloudSqlAdmin;
  pool: () => Promise<ClientPool>;
  progress: Progress;
  /** Stops the restore and the verification (first Ctrl-C, SIGTERM); clean-up still runs. */
  interrupt: AbortSignal;
  /** Stops the clean-up too (a second Ctrl-C): the scratch instance is left for `gtp drill gc`. */
  abandon: AbortSignal;
  /** The drill's timestamps (its record, the scratch instance's expiry) come from here. */
  clock: Clock;
}

export interface PlannedDrill {
  plan: DrillPlan;
  credentials?: Credentials;
  startedAt: Date;
}

/** A scratch instance outlives a drill by this much before `gtp drill gc` may delete it, or by a day when kept. */
const LIFETIME_MARGIN_MS = 60 * 60_000;
const KEPT_LIFETIME_MS = 24 * 60 * 60_000;

/** Reads the source and decides the restore, or refuses (DrillRefusal); writes nothing. */
export async function planRestoreDrill(settings: DrillSettings, ctx: DrillContext): Promise<PlannedDrill> {
  const startedAt = ctx.clock.now();
  const { admin, progress } = ctx;
  const { project, instance: name, request } = settings;
  progress.start(`plan: reading ${project}/${name}`);
  try {
    const instance = (await admin.getInstance(project, name)) as SourceInstance;
    if (settings.verification && instance.databaseVersion && !instance.databaseVersion.startsWith('POSTGRES')) {
      throw new DrillRefusal(
        `${name} is ${instance.databaseVersion}: gtp verifies PostgreSQL data only; drill it without --verify`,
      );
    }
    const plan = planDrill({
      project,
      instance,
      request,
      now: startedAt,
      lifetimeMs: settings.keep ? KEPT_LIFETIME_MS : settings.timeoutMs + CLEANUP_TIMEOUT_MS + LIFETIME_MARGIN_MS,
      ...(request.kind === 'backup' ? { backupRuns: await admin.listBackupRuns(project, name) } : {}),
      ...(request.kind === 'point-in-time' && pitrEnabled(instance)
        ? { latestRecoveryTime: await admin.latestRecoveryTime(project, name) }
        : {}),
    });
    if (settings.verification) checkReachable(instance as ReachableInstance, settings.connection);
    const credentials = settings.verification ? await readCredentials(settings.connection, ctx.pool) : undefined;
    progress.succeed(`plan: ${describePlan(plan)}`);
    return { plan, startedAt, ...(credentials ? { credentials } : {}) };
  } catch (error) {
    progress.fail(`plan: ${reasonOf(error)}`);
    throw error;
  }
}

export function describePlan(plan: DrillPlan): string {
  const point = plan.restorePoint.backupRunId
    ? `backup run ${plan.restorePoint.backupRunId} (${plan.restorePoint.time})`
    : `point in time ${plan.restorePoint.pointInTime}`;
  const how = plan.method === 'backup-restore' ? 'create and restore into' : 'clone into';
  return `${plan.source.instance}: ${point} → ${how} ${plan.scratch.instance} (labels gtp-drill=true, expires ${plan.scratch.expires})`;
}

/**
 * Restores into the scratch instance, verifies, and always cleans up: on success, failure, timeout and
 * interruption. Returns the record of what happened; it never throws for a failed drill.
 */
export async function runRestoreDrill(
  planned: PlannedDrill,
  settings: DrillSettings,
  ctx: DrillContext,
): Promise<DrillRecord> {
  const { plan, startedAt, credentials } = planned;
  const { admin, progress } = ctx;
  const project = plan.project;
  const scratch = plan.scratch.instance;
  const now = () => ctx.clock.now();
  // Elapsed time, not the date: a clock change must not shorten or stretch the drill's time limit.
  const deadline = monotonicMs() + settings.timeoutMs;
  const limits = { deadline, timeoutMs: settings.timeoutMs, signal: ctx.interrupt };
  const steps: DrillStep[] = [];
  const verification: VerificationResult[] = [];
  let failure: DrillRecord['failure'];
  let verifiedAt: Date | undefined;
  /** The request that creates the scratch instance, once sent: clean-up waits for its answer before deleting. */
  let creating: Promise<unknown> | undefined;
  /** Every request sent that starts an operation: clean-up waits for each answer, even ones the drill stopped awaiting. */
  const sent: Promise<unknown>[] = [];
  /** Operations started and not yet seen DONE, noted as each answer arrives: clean-up cancels them first. */
  const running = new Set<string>();
  let current: StepName = 'restore';

  const step = async (name: StepName, text: string, work: () => Promise<string | undefined>) => {
    current = name;
    const began = now();
    const beganMs = monotonicMs();
    progress.start(`${name}: ${text}`);
    try {
      const detail = await work();
      steps.push({
        name,
        startedAt: began.toISOString(),
        endedAt: now().toISOString(),
        outcome: 'ok',
        ...(detail ? { detail } : {}),
      });
      progress.succeed(`${name}: ${detail ?? 'done'} (${formatSeconds((monotonicMs() - beganMs) / 1000)})`);
    } catch (error) {
      steps.push({
        name,
        startedAt: began.toISOString(),
        endedAt: now().toISOString(),
        outcome: 'failed',
        detail: reasonOf(error),
      });
      progress.fail(`${name}: ${reasonOf(error)}`);
      throw error;
    }
  };
  /** Sends a request that starts an operation (unless the drill was already stopped) and waits for it. */
  const finish = async (send: () => Promise<SqlOperation>, creates = false): Promise<SqlOperation> => {
    if (limits.signal.aborted) throw limits.signal.reason as Error;
    // Noted when answered, not when awaited: a signal between Cloud SQL starting the operation and the drill
    // reading the answer must still leave clean-up an operation to cancel (else its delete meets 409 until timeout).
    const operation = send().then((started) => {
      if (started.status !== 'DONE') running.add(started.name);
      return started;
    });
    sent.push(operation);
    if (creates) creating = operation;
    const started = await bounded(operation, 'the request', limits);
    const done = await waitForOperation(started, (n) => admin.getOperation(project, n), {
      ...limits,
      intervalMs: settings.pollMs,
    });
    running.delete(started.name);
    return done;
  };

  try {
    await step(
      'restore',
      `${plan.method === 'backup-restore' ? 'restoring backup run ' + plan.restorePoint.backupRunId : 'cloning at ' + plan.restorePoint.pointInTime} into ${scratch}`,
      async () => {
        if (plan.method === 'point-in-time-clone') {
          await finish(
            () =>
              admin.clone(project, plan.source.instance, assertScratch(scratch, plan), plan.restorePoint.pointInTime),
            true,
          );
          return `cloned ${plan.source.instance} at ${plan.restorePoint.pointInTime}`;
        }
        await finish(() => admin.insert(project, plan.scratchBody!), true);
        await finish(() =>
          admin.restoreBackup(project, assertScratch(scratch, plan), {
            project,
            instance: plan.source.instance,
            backupRunId: plan.restorePoint.backupRunId!,
          }),
        );
        return `restored backup run ${plan.restorePoint.backupRunId}`;
      },
    );
    if (plan.method === 'point-in-time-clone') {
      // A clone copies the source's settings: its labels become the drill's, and deletion protection goes off.
      await step('label', `labelling ${scratch}`, async () => {
        await finish(() => admin.relabel(project, assertScratch(scratch, plan), plan.scratch.labels));
        return `labelled gtp-drill=true, expires ${plan.scratch.expires}`;
      });
    }
    if (settings.verification && credentials) {
      const spec = settings.verification;
      await step('verify', `running ${spec.checks.length} check(s) on ${scratch}`, async () => {
        const instance = (await bounded(
          admin.getInstance(project, scratch),
          'reading the scratch instance',
          limits,
        )) as ReachableInstance;
        const host = instanceHost(instance, settings.connection.ipType);
        const tls = settings.connection.ssl === 'verify' ? instanceTls(project, instance) : undefined;
        const queryTimeoutMs = Math.max(1000, deadline - monotonicMs());
        const results = await bounded(
          runVerification(spec, {
            host,
            port: settings.connection.port,
            credentials,
            restorePoint: new Date(plan.restorePoint.time),
            queryTimeoutMs,
            ...(tls ? { tls } : {}),
          }),
          'verification',
          limits,
        );
        verification.push(...results);
        const failing = results.filter((r) => r.outcome !== 'pass');
        if (failing.length > 0) throw new VerificationFailed(failing, results.length);
        verifiedAt = now();
        return `${results.length} of ${results.length} check(s) passed`;
      });
    } else {
      const at = now().toISOString();
      steps.push({
        name: 'verify',
        startedAt: at,
        endedAt: at,
        outcome: 'skipped',
        detail: 'no --verify file: only the restore was tested',
      });
      verifiedAt = now();
    }
  } catch (error) {
    failure = { step: current, reason: reasonOf(error) };
  }

  const cleanupBegan = now();
  progress.start(settings.keep ? `cleanup: keeping ${scratch}` : `cleanup: deleting ${scratch}`);
  const cleanup: DrillRecord['cleanup'] = settings.keep
    ? { outcome: 'kept', detail: `kept until ${plan.scratch.expires}; gtp drill gc deletes it after that` }
    : await deleteScratch({
        admin,
        project,
        instance: assertScratch(scratch, plan),
        expires: plan.scratch.expires,
        ...(creating ? { creating } : {}),
        sent,
        running: () => [...running],
        pollMs: settings.pollMs,
        abandon: ctx.abandon,
      });
  steps.push({
    name: 'cleanup',
    startedAt: cleanupBegan.toISOString(),
    endedAt: now().toISOString(),
    outcome: cleanup.outcome === 'failed' ? 'failed' : 'ok',
    ...(cleanup.detail ? { detail: cleanup.detail } : {}),
  });
  (cleanup.outcome === 'failed' ? progress.fail : progress.succeed)(
    `cleanup: ${cleanup.outcome}${cleanup.detail ? ` (${cleanup.detail})` : ''}`,
  );

  const restorePoint = new Date(plan.restorePoint.time);
  return {
    schemaVersion: 1,
    id: drillId(plan.source.instance, startedAt),
    project,
    source: plan.source,
    method: plan.method,
    restorePoint: plan.restorePoint,
    scratch: { instance: scratch, labels: plan.scratch.labels },
    startedAt: startedAt.toISOString(),
    finishedAt: now().toISOString(),
    outcome: failure ? 'failed' : 'passed',
    ...(failure ? { failure } : {}),
    steps,
    ...(verifiedAt && !failure ? { rtoSeconds: (verifiedAt.getTime() - startedAt.getTime()) / 1000 } : {}),
    rpoSeconds: Math.max(0, (startedAt.getTime() - restorePoint.getTime()) / 1000),
    verification,
    cleanup,
  };
}

/** Every write is to the drill's own scratch instance: a guard against ever naming the source. */
function assertScratch(name: string, plan: DrillPlan): string {
  if (name === plan.source.instance || !name.startsWith('gtp-drill-'))
    throw new Error(`refusing to write to ${name}: not this drill's scratch instance`);
  return name;
}
