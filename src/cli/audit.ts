import { join } from 'node:path';
import { compareWithBaseline } from '../audit/baseline.js';
import { gate, gateFailures } from '../audit/gate.js';
import { runAudit } from '../audit/run.js';
import { CHECK_IDS } from '../checks/index.js';
import { loadRegisterFile } from '../matrix/load.js';
import { EXTENSIONS, RENDERERS, type Format } from '../report/index.js';
import { writeFilesAtomic } from '../util/atomic-write.js';
import { PROJECT_ID } from '../gcp/ids.js';
import type { Clock } from '../util/clock.js';
import { InputError } from '../util/errors.js';
import { shellQuote } from '../util/shell.js';
import type { AuditResult } from '../audit/result.js';
import { readBaseline } from './baseline.js';
import type { HistoryStore } from '../history/store.js';
import { registerDigestOf } from '../history/record.js';
import { exitCodeOf } from './exit-codes.js';
import { openDemo, openLive, openSnapshot, quotaPacer, type GcpSession } from './gcp-session.js';
import { githubAnnotations } from './github.js';
import type { AuditFormat } from './options.js';
import type { ManyProjectsOptions } from './org.js';
import { printGateReasons, progress } from './diagnostics.js';
import { emit, warn } from './output.js';
import { DEMO_DRILLS, DEMO_REPO, packagePath, registerPath } from './paths.js';
import { findProject, NO_PROJECT } from '../setup/find-project.js';

export interface AuditCommandOptions extends ManyProjectsOptions {
  project?: string;
  register?: string;
  format: AuditFormat;
  output?: string;
  failAbove?: number;
  failOn?: string;
  baseline?: string;
  snapshot?: string;
  demo?: boolean;
  /** Several formats from one audit, each written atomically into outputDir as audit.<ext>. */
  formats?: Format[];
  outputDir?: string;
  terraform?: string;
  repo?: string;
  evidence?: string;
  /** For --snapshot: judge as of the capture (default), now, or an RFC 3339 instant. */
  asOf?: string;
  /** The history store this audit is recorded in (also GTP_STORE): a SQLite file or a postgres:// URL. */
  record?: string;
}

/** The options that only one project's audit takes, named for the error when a scope of many is given too. */
const ONE_PROJECT_ONLY = [
  ['project', '--project'],
  ['snapshot', '--snapshot'],
  ['demo', '--demo'],
  ['baseline', '--baseline'],
  ['failOn', '--fail-on'],
  ['terraform', '--terraform'],
  ['asOf', '--as-of'],
] as const;
const MANY_PROJECTS_ONLY = [
  ['include', '--include'],
  ['exclude', '--exclude'],
  ['label', '--label'],
  ['parallel', '--parallel'],
  ['source', '--source'],
] as const;

/** Many projects when a scope is named: the organization audit takes over. */
async function manyProjects(options: AuditCommandOptions, clock: Clock): Promise<number | undefined> {
  if ((options.shard !== undefined || options.shards !== undefined) && options.plan === undefined)
    throw new InputError('--shard and --shards split a plan: give --plan PLAN (from gtp org plan)');
  const many = [options.organization, options.folder, options.projects, options.projectsFile, options.plan].some(
    (v) => v !== undefined,
  );
  if (!many) {
    const stray = MANY_PROJECTS_ONLY.find(([key]) => options[key] !== undefined);
    if (stray) throw new InputError(`${stray[1]} applies to many projects (--organization, --folder, --projects)`);
    return undefined;
  }
  const conflict = ONE_PROJECT_ONLY.find(([key]) => options[key] !== undefined);
  if (conflict) throw new InputError(`${conflict[1]} audits one project; it cannot be combined with many`);
  const { orgAuditCommand } = await import('./org-audit.js');
  return orgAuditCommand(options, clock);
}

type AsOf = NonNullable<AuditResult['asOf']>;

/**
 * The instant an audit is judged at. Live data is judged now. A snapshot keeps its real times, so by default it is
 * judged as of when it was taken: re-auditing last month's snapshot answers "was this register true then?", and a
 * finding that was two days old at capture is still two days old. --as-of now asks how that data fares today.
 */
function judgementTime(options: AuditCommandOptions, session: GcpSession, now: Date): AsOf {
  const captured = session.capturedAt?.toISOString();
  const withCapture = captured ? { capturedAt: captured } : {};
  if (!options.snapshot) return { time: now.toISOString(), basis: 'now' };
  const asOf = options.asOf ?? (captured ? 'capture' : 'now');
  if (asOf === 'now') {
    if (!captured) warn(`${options.snapshot} records no capture time ($capturedAt); judged as of now`);
    return { time: now.toISOString(), basis: 'now', ...withCapture };
  }
  if (asOf === 'capture') {
    if (!captured)
      throw new InputError(
        `--as-of capture: ${options.snapshot} records no capture time ($capturedAt); pass --as-of now or an RFC 3339 time`,
      );
    return { time: captured, basis: 'capture', ...withCapture };
  }
  if (!RFC3339.test(asOf))
    throw new InputError(`--as-of takes capture, now or an RFC 3339 time such as 2026-11-26T12:00:00Z, got "${asOf}"`);
  return { time: new Date(asOf).toISOString(), basis: 'given', ...withCapture };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export async function auditCommand(options: AuditCommandOptions, clock: Clock): Promise<number> {
  const org = await manyProjects(options, clock);
  if (org !== undefined) return org;
  if (options.demo && options.snapshot) throw new InputError('--demo and --snapshot cannot be combined');
  if (options.failOn !== undefined && options.failOn !== 'regression')
    throw new InputError(`--fail-on takes "regression", got "${options.failOn}"`);
  if (options.failOn && !options.baseline) throw new InputError('--fail-on regression needs --baseline PREVIOUS.json');
  if ((options.formats === undefined) !== (options.outputDir === undefined))
    throw new InputError('--formats and --output-dir go together');
  if (options.asOf !== undefined && !options.snapshot)
    throw new InputError('--as-of applies to --snapshot: live data is judged as of now');
  const registerFile = registerPath(options.register, options.demo ?? false);
  const loaded = await loadRegisterFile(registerFile, { knownChecks: CHECK_IDS });
  const { register } = loaded;
  const store = options.record ?? process.env.GTP_STORE;
  const fromStore = options.baseline === 'last' || options.baseline === 'last-green';
  if (fromStore && !store)
    throw new InputError(
      `--baseline ${options.baseline} reads the history store: pass --record STORE or set GTP_STORE`,
    );
  const baseline = options.baseline && !fromStore ? await readBaseline(options.baseline) : undefined;

  // Live: found as Google's tools find it. A snapshot or the demo names its own project unless told otherwise.
  const live = !options.demo && !options.snapshot;
  const found = live
    ? await findProject({ flag: options.project, register: { project: register.project, file: registerFile } })
    : undefined;
  const project = live ? found?.id : (options.project ?? register.project);
  if (live && !found) throw new InputError(NO_PROJECT);
  const projectFrom = found && found.from !== '--project' ? found.from : undefined;
  const session: GcpSession = options.demo
    ? await openDemo(clock)
    : options.snapshot
      ? await openSnapshot(options.snapshot)
      : await openLive(project);
  const audited = options.demo ? (options.project ?? session.project) : (project ?? session.project);
  if (!audited) {
    await session.close();
    throw new InputError('no project: pass --project P (the snapshot names none or several)');
  }
  if (!PROJECT_ID.test(audited)) {
    await session.close();
    throw new InputError(
      `the snapshot names project ${JSON.stringify(audited.slice(0, 80))}, which is not a project ID: pass --project P`,
    );
  }

  // The store is opened before anything is read: one gtp cannot keep (unreachable, refused, newer) is said before
  // the audit, never after it.
  const history = store ? await import('../history/audit.js') : undefined;
  let historyStore: HistoryStore | undefined;
  try {
    historyStore = store ? await history!.openStore(store) : undefined;
    const repoDir = options.repo ?? (options.demo ? packagePath(DEMO_REPO) : '.');
    const evidence = options.evidence ?? (options.demo ? packagePath(DEMO_DRILLS) : undefined);
    const now = clock.now();
    const asOf = judgementTime(options, session, now);
    const pacer = session.source.kind === 'live' ? quotaPacer(options.quota) : undefined;
    const { result } = await runAudit({
      register,
      source: session.source,
      project: audited,
      repoDir,
      ...(evidence ? { evidence } : {}),
      now: new Date(asOf.time),
      asOf,
      generatedAt: now,
      ...(session.ageOffsetMs ? { evidenceOffsetMs: session.ageOffsetMs } : {}),
      ...(pacer ? { pacer } : {}),
      ...(projectFrom ? { projectFrom } : {}),
      onProgress: progress,
    });
    if (pacer) result.requests = { perApi: pacer.perApi() };
    const previous = fromStore
      ? await history!.baselineFromStore(historyStore!, audited, options.baseline as 'last' | 'last-green')
      : baseline;
    if (previous) result.changes = compareWithBaseline(result, previous);
    const gateOptions = {
      ...(options.failAbove !== undefined ? { failAbove: options.failAbove } : {}),
      failOnRegression: options.failOn === 'regression',
    };
    if (options.terraform) {
      const { writeRemediation } = await import('./terraform.js');
      await writeRemediation(result, options.terraform, false);
    }
    const verdict = gate(result, gateOptions);
    // Recorded before any report is written: a record is whole or not at all, and a failure to write it is said. An
    // HTML report then shows the project's history, this audit included.
    if (historyStore)
      await history!.recordAudit(historyStore, result, {
        registerDigest: registerDigestOf(loaded.text),
        gate: verdict.outcome,
      });
    const wantsHtml = options.formats?.includes('html') || options.format === 'html';
    const trends =
      historyStore && wantsHtml ? await history!.historyFrom(historyStore, { project: audited }) : undefined;
    const ctx = {
      register,
      result,
      registerFile,
      locate: loaded.locate,
      gateFailures: gateFailures(result, gateOptions),
      ...(options.terraform ? { terraformDir: options.terraform } : {}),
      ...(trends ? { history: trends } : {}),
    };
    if (options.formats && options.outputDir) {
      await writeFilesAtomic(
        options.formats.map((format) => ({
          path: join(options.outputDir!, `audit.${EXTENSIONS[format]}`),
          content: RENDERERS[format](ctx),
        })),
      );
    }
    const onScreen = !options.output && process.stdout.isTTY === true;
    const view = !options.outputDir && (options.format === 'terminal' || (options.format === 'auto' && onScreen));
    if (view) {
      const { renderTerminal } = await import('../report/terminal.js');
      const color = onScreen && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
      const columns = process.stdout.columns || Number(process.env.COLUMNS) || 80;
      await emit(renderTerminal(ctx, verdict, { columns, color, rerun: rerunCommand() }), options.output);
    } else if (!options.outputDir) {
      const format: Format = options.format === 'auto' || options.format === 'terminal' ? 'md' : options.format;
      await emit(RENDERERS[format](ctx), options.output);
    }
    // The one-screen view already says why; elsewhere the reasons go to stderr beside the report.
    if (!view)
      printGateReasons(
        result.cause
          ? [
              `${result.cause.controls.length} controls unverified for one reason: ${result.cause.said} (fix: ${result.cause.fix})`,
              ...verdict.reasons
                .filter((r) => r.check === undefined || !result.cause!.controls.includes(r.check))
                .map((r) => r.message),
            ]
          : verdict.reasons.map((r) => r.message),
        verdict.outcome === 'failed',
      );
    if (process.env.GITHUB_ACTIONS === 'true') await githubAnnotations(ctx, verdict, RENDERERS.md(ctx));
    return exitCodeOf(verdict.outcome);
  } finally {
    await historyStore?.close();
    await session.close();
  }
}

/** This audit's command line without its --format, quoted for a shell: the next steps the terminal view suggests. */
function rerunCommand(): string {
  const argv = process.argv.slice(2);
  const args = argv.slice(argv.indexOf('audit') + 1);
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--format' || arg === '-f') i++;
    else if (!arg.startsWith('--format=')) kept.push(/^--?[A-Za-z][A-Za-z0-9-]*$/.test(arg) ? arg : shellQuote(arg));
  }
  return ['gtp', 'audit', ...kept].join(' ');
}
