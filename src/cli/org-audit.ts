import { join } from 'node:path';
import type { OrgAuditOptions } from '../org/audit.js';
import type { ProjectOutcome } from '../org/result.js';
import { CHECK_IDS } from '../checks/index.js';
import { DEFAULT_RETRY, createLimiter } from '../gcp/retry.js';
import { withQuotaAndRetry, type QuotaPacer } from '../gcp/quota.js';
import { loadRegisterFile } from '../matrix/load.js';
import { discoverProjects, DiscoveryError } from '../org/discover.js';
import { ORG_RENDERERS, type OrgFormat } from '../report/org.js';
import { writeFilesAtomic } from '../util/atomic-write.js';
import type { Clock } from '../util/clock.js';
import { InputError } from '../util/errors.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { openLive, quotaPacer } from './gcp-session.js';
import { emit, warn } from './output.js';
import { labelsOf, scopeOf, type ScopeOptions } from './org.js';
import { registerPath } from './paths.js';

export interface OrgAuditCommandOptions extends ScopeOptions {
  register?: string;
  format: string;
  output?: string;
  formats?: string[];
  outputDir?: string;
  failAbove?: number;
  repo?: string;
  evidence?: string;
  parallel?: number;
  quota?: Record<string, number>;
}

const ORG_FORMATS = ['md', 'json', 'html'] as const;

function orgFormat(format: string): OrgFormat {
  if (!(ORG_FORMATS as readonly string[]).includes(format))
    throw new InputError(
      `an organization audit writes ${ORG_FORMATS.join(', ')}; --format ${format} is a one-project format (audit each project with --project for it)`,
    );
  return format as OrgFormat;
}

/**
 * `gtp audit --organization ID | --folder ID | --projects … | --projects-file F`: every project the scope holds,
 * one register (with its overrides), one report. Exit codes as for one project, over all of them; a discovery that
 * fails is exit 3 and no report, never a smaller organization.
 */
export async function orgAuditCommand(options: OrgAuditCommandOptions, clock: Clock): Promise<number> {
  const formats = (options.formats ?? [options.format]).map(orgFormat);
  if ((options.formats === undefined) !== (options.outputDir === undefined))
    throw new InputError('--formats and --output-dir go together');
  const parallel = options.parallel ?? 8;
  if (parallel < 1) throw new InputError('--parallel must be at least 1');
  const scope = await scopeOf(options);
  const filters = { include: options.include ?? [], exclude: options.exclude ?? [], labels: labelsOf(options.label) };
  const registerFile = registerPath(options.register, false);
  const { register } = await loadRegisterFile(registerFile, { knownChecks: CHECK_IDS });
  const pacer = quotaPacer(options.quota);
  const session = await openLive();
  try {
    const limit = createLimiter(16);
    let discovery;
    try {
      discovery = await discoverProjects(
        scope,
        {
          fetch: (route, params) =>
            limit(() =>
              withQuotaAndRetry(pacer, route, params, () => session.source.fetch(route, params), DEFAULT_RETRY),
            ),
        },
        filters,
      );
    } catch (error) {
      if (!(error instanceof DiscoveryError)) throw error;
      warn(`unverified: ${error.message}`);
      return EXIT.UNVERIFIED;
    }
    if (discovery.projects.length === 0)
      throw new InputError(`${discovery.scope}: no project to audit (${discovery.skipped.length} left out)`);
    const now = clock.now();
    const audit: OrgAuditOptions = {
      register,
      discovery,
      source: session.source,
      pacer,
      now,
      generatedAt: now,
      repoDir: options.repo ?? '.',
      ...(options.evidence ? { evidence: options.evidence } : {}),
      parallel,
      gate: options.failAbove !== undefined ? { failAbove: options.failAbove } : {},
      onProject: progressReporter(pacer),
    };
    const { auditOrganization } = await import('../org/audit.js');
    const result = await auditOrganization(audit);
    if (options.outputDir)
      await writeFilesAtomic(
        formats.map((format) => ({
          path: join(options.outputDir!, `org-audit.${format}`),
          content: ORG_RENDERERS[format](result),
        })),
      );
    else await emit(ORG_RENDERERS[formats[0]!](result), options.output);
    const s = result.summary;
    warn(`${s.projects} projects: ${s.passed} passed, ${s.failed} failed, ${s.unverified} could not be fully assessed`);
    return exitCodeOf(s.failed > 0 ? 'failed' : s.unverified > 0 ? 'unverified' : 'passed');
  } finally {
    await session.close();
  }
}

/**
 * Progress on stderr: one line rewritten in place on a terminal (projects done, calls, rate-quota answers, time
 * left), and one line per twentieth of the projects otherwise, so a CI log shows the run without a line per project.
 */
function progressReporter(pacer: QuotaPacer): (done: number, total: number, outcome: ProjectOutcome) => void {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  return (done, total) => {
    const step = Math.max(1, Math.floor(total / 20));
    if (!tty && done % step !== 0 && done !== total) return;
    const counts = Object.values(pacer.perApi());
    const calls = counts.reduce((n, c) => n + c.calls, 0);
    const limited = counts.reduce((n, c) => n + c.rateLimited, 0);
    const elapsed = (Date.now() - started) / 1000;
    const left = done < total ? ` · about ${Math.ceil((elapsed / done) * (total - done))} s left` : '';
    const line = `gtp: ${done}/${total} projects · ${calls} calls · ${limited} rate-quota answers${left}`;
    if (tty) process.stderr.write(`\r\x1b[2K${line}${done === total ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  };
}
