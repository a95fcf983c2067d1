import type { ClientPool } from '../gcp/clients.js';
import { formatSeconds, parseDuration } from '../util/duration.js';
import { DrillInterrupted, DrillRefusal, reasonOf } from '../drill/errors.js';
import type { RestoreRequest } from '../drill/plan.js';
import type { DrillRecord } from '../evidence/record.js';
import { describeLocation, openEvidenceStore, parseEvidenceLocation } from '../evidence/store.js';
import { InputError } from '../util/errors.js';
import { drillExitCode, drillGcExitCode, EXIT, signalExitCode } from './exit-codes.js';
import { openLiveClients } from './gcp-session.js';
import type { Clock } from '../util/clock.js';
import { warn } from './output.js';

export interface DrillRestoreOptions {
  project: string;
  instance: string;
  pointInTime?: string;
  backup?: string;
  verify?: string;
  timeout: string;
  poll: string;
  keep?: boolean;
  dryRun?: boolean;
  evidence?: string;
  ipType: 'private' | 'public';
  port: number;
  user: string;
  passwordEnv: string;
  passwordSecret?: string;
  iamAuth?: boolean;
  ssl: 'verify' | 'disable';
  json?: boolean;
  /** `metadata-server` for the demo, which authenticates to its own emulator and never reads the user's ADC. */
  credentials?: 'adc' | 'metadata-server';
}

function duration(value: string, option: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InputError(`${option} must be a duration such as 30s, 45m or 2h, got "${value}"`);
  return ms;
}

function restoreRequest(options: DrillRestoreOptions): RestoreRequest {
  if (options.pointInTime && options.backup) throw new InputError('give --point-in-time or --backup, not both');
  if (options.pointInTime) return { kind: 'point-in-time', at: options.pointInTime };
  return { kind: 'backup', backup: options.backup ?? 'latest' };
}

/**
 * Ctrl-C or SIGTERM stops the drill and starts its clean-up; a second Ctrl-C gives up on the clean-up too
 * (the scratch instance stays labelled, for `gtp drill gc`).
 */
function trapSignals(
  onFirst: (signal: string) => void,
  onSecond: () => void,
): { received: () => 'SIGINT' | 'SIGTERM' | undefined; release: () => void } {
  let received: string | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (received) return onSecond();
    received = signal;
    onFirst(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    /** The signal that came, if one did. */
    received: (): 'SIGINT' | 'SIGTERM' | undefined =>
      received === undefined ? undefined : received === 'SIGTERM' ? 'SIGTERM' : 'SIGINT',
    release: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

export async function drillRestoreCommand(options: DrillRestoreOptions, clock: Clock): Promise<number> {
  if (!options.project || !options.instance)
    throw new InputError('give --project and --instance (or --demo, for a drill against the bundled demo)');
  const request = restoreRequest(options);
  if (options.iamAuth && options.passwordSecret) throw new InputError('give --iam-auth or --password-secret, not both');
  const timeoutMs = duration(options.timeout, '--timeout');
  const pollMs = duration(options.poll, '--poll');
  const [{ loadVerificationSpec }, { CloudSqlAdmin }, run, { progressFor }] = await Promise.all([
    import('../drill/verify-spec.js'),
    import('../gcp/sql-admin.js'),
    import('../drill/run.js'),
    import('../drill/progress.js'),
  ]);
  const verification = options.verify ? await loadVerificationSpec(options.verify) : undefined;
  const location = parseEvidenceLocation(options.evidence);
  let pool: ClientPool | undefined;
  const getPool = async () => (pool ??= await openLiveClients(options.project, options.credentials ?? 'adc'));
  const interrupt = new AbortController();
  const abandon = new AbortController();
  const progress = await progressFor(process.stderr);
  const signals = trapSignals(
    (signal) => {
      progress.info(
        `${signal}: stopping the drill and cleaning up (press Ctrl-C again to leave the scratch instance for gtp drill gc)`,
      );
      interrupt.abort(new DrillInterrupted(signal));
    },
    () => abandon.abort(new DrillInterrupted('a second signal')),
  );
  const settings = {
    project: options.project,
    instance: options.instance,
    request,
    ...(verification ? { verification } : {}),
    connection: {
      ipType: options.ipType,
      port: options.port,
      user: options.user,
      password: options.iamAuth
        ? { iam: true as const }
        : options.passwordSecret
          ? { secret: options.passwordSecret }
          : { env: options.passwordEnv },
      ssl: options.ssl,
    },
    timeoutMs,
    pollMs,
    keep: options.keep === true,
  };
  try {
    const ctx = {
      admin: new CloudSqlAdmin(await getPool()),
      pool: getPool,
      progress,
      interrupt: interrupt.signal,
      abandon: abandon.signal,
      clock,
    };
    let planned;
    try {
      planned = await run.planRestoreDrill(settings, ctx);
    } catch (error) {
      if (error instanceof DrillRefusal) {
        warn(`drill refused: ${error.message}`);
        return EXIT.BAD_INPUT;
      }
      warn(`cannot plan the drill: ${reasonOf(error)}`);
      return EXIT.UNVERIFIED;
    }
    // Stopped while planning: nothing was created, so there is nothing to clean up or record.
    const stopped = signals.received();
    if (stopped) return signalExitCode(stopped);
    if (options.dryRun) {
      process.stdout.write(
        options.json
          ? `${JSON.stringify(planned.plan, null, 2)}\n`
          : `dry run, nothing touched: ${run.describePlan(planned.plan)}\n`,
      );
      return EXIT.OK;
    }
    const record = await run.runRestoreDrill(planned, settings, ctx);
    const store = openEvidenceStore(location, getPool);
    let saved: string | undefined;
    try {
      saved = await store.save(record);
    } catch (error) {
      warn(`the drill's record could not be written to ${describeLocation(location)}: ${reasonOf(error)}`);
    }
    process.stdout.write(options.json ? `${JSON.stringify(record, null, 2)}\n` : summary(record, saved));
    const signal = signals.received();
    return drillExitCode({
      cleanupFailed: record.cleanup.outcome === 'failed',
      ...(signal ? { signal } : {}),
      passed: record.outcome === 'passed',
      recorded: saved !== undefined,
    });
  } finally {
    signals.release();
    await pool?.close();
  }
}

function summary(record: DrillRecord, saved: string | undefined): string {
  const lines = [
    `drill ${record.outcome}: ${record.source.instance} (${record.method}, restore point ${record.restorePoint.time})`,
    ...(record.failure ? [`  failed at ${record.failure.step}: ${record.failure.reason}`] : []),
    ...(record.rtoSeconds !== undefined ? [`  RTO ${formatSeconds(record.rtoSeconds)} (start to verified data)`] : []),
    `  RPO ${formatSeconds(record.rpoSeconds)} (age of the restored data at the start)`,
    ...record.verification.map(
      (v) => `  ${v.outcome === 'pass' ? '✓' : '✗'} ${v.name}: expected ${v.expected}, got ${v.actual}`,
    ),
    `  scratch instance ${record.scratch.instance}: ${record.cleanup.outcome}${record.cleanup.detail ? ` (${record.cleanup.detail})` : ''}`,
    `  record: ${saved ?? 'NOT SAVED'}`,
  ];
  return `${lines.join('\n')}\n`;
}

export interface DrillGcOptions {
  project: string;
  dryRun?: boolean;
  poll: string;
  json?: boolean;
}

export async function drillGcCommand(options: DrillGcOptions, clock: Clock): Promise<number> {
  const pollMs = duration(options.poll, '--poll');
  const [{ CloudSqlAdmin }, { collectGarbage }] = await Promise.all([
    import('../gcp/sql-admin.js'),
    import('../drill/gc.js'),
  ]);
  const pool = await openLiveClients(options.project);
  try {
    const report = await collectGarbage(new CloudSqlAdmin(pool), options.project, {
      now: clock.now(),
      dryRun: options.dryRun === true,
      pollMs,
      timeoutMs: 15 * 60_000,
    });
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const lines = [
        ...report.deleted.map((n) => `deleted ${n}`),
        ...report.wouldDelete.map((n) => `would delete ${n} (expired)`),
        ...report.failed.map((f) => `could not delete ${f.instance}: ${f.reason}`),
        ...report.notExpired.map((n) => `left ${n.instance}: expires ${n.expires}`),
        ...report.unlabelled.map((n) => `left ${n}: named like a scratch instance but not labelled gtp-drill=true`),
        ...report.suspicious.map(
          (s) => `left ${s.instance}: labelled as an expired scratch instance, but ${s.reason}; check it by hand`,
        ),
      ];
      process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : 'no scratch instances\n');
    }
    return drillGcExitCode(report.failed.length);
  } catch (error) {
    warn(`cannot list instances: ${reasonOf(error)}`);
    return EXIT.UNVERIFIED;
  } finally {
    await pool.close();
  }
}

export interface DrillListOptions {
  evidence?: string;
  instance?: string;
  project?: string;
  json?: boolean;
}

export async function drillListCommand(options: DrillListOptions): Promise<number> {
  const location = parseEvidenceLocation(options.evidence);
  let pool: ClientPool | undefined;
  try {
    const { records, unreadable } = await openEvidenceStore(
      location,
      async () => (pool ??= await openLiveClients(options.project)),
    ).list();
    const shown = records.filter(
      (r) =>
        (!options.instance || r.source.instance === options.instance) &&
        (!options.project || r.project === options.project),
    );
    for (const u of unreadable) warn(`${u.name} is not a drill record: ${u.reason}`);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      return EXIT.OK;
    }
    if (shown.length === 0) {
      process.stdout.write(`no drills recorded in ${describeLocation(location)}\n`);
      return EXIT.OK;
    }
    const rows = [['started', 'project', 'instance', 'method', 'outcome', 'RTO', 'RPO', 'checks', 'cleanup']];
    for (const r of shown) {
      const passed = r.verification.filter((v) => v.outcome === 'pass').length;
      rows.push([
        r.startedAt,
        r.project,
        r.source.instance,
        r.method,
        r.outcome,
        r.rtoSeconds !== undefined ? formatSeconds(r.rtoSeconds) : '-',
        formatSeconds(r.rpoSeconds),
        `${passed}/${r.verification.length}`,
        r.cleanup.outcome,
      ]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    process.stdout.write(
      `${rows
        .map((row) =>
          row
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
        )
        .join('\n')}\n`,
    );
    return EXIT.OK;
  } catch (error) {
    warn(`cannot read drill records from ${describeLocation(location)}: ${reasonOf(error)}`);
    return EXIT.UNVERIFIED;
  } finally {
    await pool?.close();
  }
}
