import { backupsManagedByBackupDr } from '../gcp/model/backupdr.js';
import { logRetentionDays, pitrEnabled, roleOf, type SqlInstance } from '../gcp/model/sql.js';
import type { BackupRun } from '../gcp/sql-admin.js';
import { DrillRefusal } from './errors.js';
import { scratchLabels, scratchName } from './scratch.js';

export type RestoreRequest = { kind: 'backup'; backup: 'latest' | string } | { kind: 'point-in-time'; at: string };

/** A drill's source instance, as the API describes it (the fields a plan reads). */
export type SourceInstance = SqlInstance & {
  state?: string;
  settings?: SqlInstance['settings'] & {
    edition?: string;
    dataDiskSizeGb?: string;
    ipConfiguration?: Record<string, unknown>;
  };
};

export interface DrillPlan {
  project: string;
  source: { instance: string; databaseVersion?: string; region?: string };
  method: 'backup-restore' | 'point-in-time-clone';
  restorePoint: { backupRunId?: string; pointInTime?: string; time: string };
  scratch: { instance: string; labels: Record<string, string>; expires: string };
  /** For backup-restore: the scratch instance to create before restoring into it (REST JSON). */
  scratchBody?: Record<string, unknown>;
}

export interface PlanInput {
  project: string;
  instance: SourceInstance;
  request: RestoreRequest;
  /** Needed for a backup restore. */
  backupRuns?: readonly BackupRun[];
  /** Needed for a point-in-time clone: the latest time the API says it can recover to. */
  latestRecoveryTime?: string;
  now: Date;
  /** How long the scratch instance may live before `gtp drill gc` may delete it. */
  lifetimeMs: number;
}

/** Decides what to restore and where, or refuses with the reason; reads nothing and writes nothing. */
export function planDrill(input: PlanInput): DrillPlan {
  const { instance, request, now } = input;
  const name = instance.name ?? '(unnamed)';
  if (roleOf(instance) !== 'primary') {
    throw new DrillRefusal(
      `${name} is a read replica (of ${instance.masterInstanceName ?? 'an unknown primary'}): it has no backups of its own; drill its primary`,
    );
  }
  const backup = instance.settings?.backupConfiguration;
  // Its backups are in a Backup and DR vault, restored through Backup and DR's own API; Cloud SQL's backup runs and
  // point-in-time clone do not hold them. Refused before anything is made, so no drill is recorded that did not
  // restore what the instance would be recovered from.
  if (backupsManagedByBackupDr(backup?.backupTier))
    throw new DrillRefusal(
      `${name} has enhanced backups (backupTier ${backup?.backupTier}): its backups are in a Backup and DR vault, which gtp drill restore cannot restore from yet; restore one through Backup and DR to test it`,
    );
  const restorePoint =
    request.kind === 'backup'
      ? pickBackup(name, backup?.enabled === true, input.backupRuns ?? [], request.backup)
      : pickPointInTime(instance, input.latestRecoveryTime, request.at, now);
  const scratch = scratchName(name, now);
  const expires = new Date(now.getTime() + input.lifetimeMs);
  const labels = scratchLabels(name, expires);
  const plan: DrillPlan = {
    project: input.project,
    source: {
      instance: name,
      ...(instance.databaseVersion ? { databaseVersion: instance.databaseVersion } : {}),
      ...(instance.region ? { region: instance.region } : {}),
    },
    method: request.kind === 'backup' ? 'backup-restore' : 'point-in-time-clone',
    restorePoint,
    scratch: { instance: scratch, labels, expires: expires.toISOString() },
  };
  if (request.kind === 'backup') plan.scratchBody = scratchInstanceBody(instance, scratch, labels);
  return plan;
}

function pickBackup(
  name: string,
  automated: boolean,
  runs: readonly BackupRun[],
  wanted: string,
): DrillPlan['restorePoint'] {
  const successful = runs.filter((r) => r.status === 'SUCCESSFUL' && r.id);
  if (wanted !== 'latest') {
    const run = runs.find((r) => String(r.id) === wanted);
    if (!run)
      throw new DrillRefusal(
        `${name} has no backup run ${wanted}${runs.length ? ` (it has ${runs.length}: the latest successful is ${latest(successful)?.id ?? 'none'})` : ''}`,
      );
    if (run.status !== 'SUCCESSFUL')
      throw new DrillRefusal(`backup run ${wanted} of ${name} is ${run.status ?? 'of unknown status'}, not SUCCESSFUL`);
    return { backupRunId: String(run.id), time: run.endTime ?? run.windowStartTime ?? run.startTime! };
  }
  const run = latest(successful);
  if (!run) {
    throw new DrillRefusal(
      automated
        ? `${name} has no successful backup run to restore`
        : `${name} has automated backups turned off and no successful backup run to restore`,
    );
  }
  return { backupRunId: String(run.id), time: run.endTime ?? run.startTime! };
}

function latest(runs: readonly BackupRun[]): BackupRun | undefined {
  return [...runs].sort(
    (a, b) => Date.parse(b.endTime ?? b.startTime ?? '') - Date.parse(a.endTime ?? a.startTime ?? ''),
  )[0];
}

function pickPointInTime(
  instance: SourceInstance,
  latestRecoveryTime: string | undefined,
  at: string,
  now: Date,
): DrillPlan['restorePoint'] {
  const name = instance.name ?? '(unnamed)';
  if (!pitrEnabled(instance)) throw new DrillRefusal(`${name} does not have point-in-time recovery enabled`);
  const time = Date.parse(at);
  if (Number.isNaN(time))
    throw new DrillRefusal(`--point-in-time ${at} is not an RFC 3339 time such as 2026-11-26T04:00:00Z`);
  const retentionDays = logRetentionDays(instance);
  const earliest = now.getTime() - retentionDays * 86_400_000;
  const latestMs = latestRecoveryTime ? Date.parse(latestRecoveryTime) : now.getTime();
  if (time > latestMs)
    throw new DrillRefusal(`${at} is after the latest recovery time of ${name} (${new Date(latestMs).toISOString()})`);
  if (time < earliest)
    throw new DrillRefusal(
      `${at} is before the recovery window of ${name} starts (${new Date(earliest).toISOString()}: ${retentionDays} days of transaction logs)`,
    );
  const iso = new Date(time).toISOString();
  return { pointInTime: iso, time: iso };
}

/**
 * The scratch instance a backup is restored into: the source's engine, region, tier, disk and network (so the
 * backup fits and the drill can reach it), zonal, without backups of its own, labelled, never protected from deletion.
 */
function scratchInstanceBody(
  source: SourceInstance,
  name: string,
  labels: Record<string, string>,
): Record<string, unknown> {
  const s = source.settings ?? {};
  return {
    name,
    ...(source.databaseVersion ? { databaseVersion: source.databaseVersion } : {}),
    ...(source.region ? { region: source.region } : {}),
    settings: {
      ...(s.tier ? { tier: s.tier } : {}),
      ...(s.edition ? { edition: s.edition } : {}),
      ...(s.dataDiskSizeGb ? { dataDiskSizeGb: s.dataDiskSizeGb } : {}),
      ...(s.ipConfiguration ? { ipConfiguration: s.ipConfiguration } : {}),
      availabilityType: 'ZONAL',
      backupConfiguration: { enabled: false },
      deletionProtectionEnabled: false,
      userLabels: labels,
    },
  };
}
