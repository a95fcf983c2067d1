import { dirname } from 'node:path';
import { organizationGate, type OrgAuditOptions } from '../org/audit.js';
import { CHECK_IDS } from '../checks/index.js';
import { DEFAULT_RETRY, createLimiter } from '../gcp/retry.js';
import { PAGED_LIST_RETRY } from '../gcp/pages.js';
import { withQuotaAndRetry, type QuotaPacer } from '../gcp/quota.js';
import { needing } from '../gcp/errors.js';
import { eachPageOf, type PageSink, type RestSource } from '../gcp/source.js';
import { FileSpool } from '../util/spool.js';
import type { Route } from '../gcp/routes.js';
import type { OrgResult, ProjectOutcome } from '../org/result.js';
import type { ProjectScope } from '../org/discover.js';
import { loadRegisterFile } from '../matrix/load.js';
import { digestOf, discoveryOf, readPlan } from '../org/plan.js';
import { projectsOfShard, shardOf } from '../org/shard.js';
import { writeShard } from '../org/shards.js';
import { overridesNamingNothing } from '../org/overrides.js';
import { readInputFile } from '../util/yaml-input.js';
import { discoverProjects } from '../org/discover.js';
import { ORG_RENDERERS, type OrgFormat } from '../report/org.js';
import { PROJECT_FORMATS, ProjectFiles, type ProjectFormat } from '../org/project-files.js';
import type { Clock } from '../util/clock.js';
import { InputError } from '../util/errors.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { openLive, quotaPacer } from './gcp-session.js';
import { warn } from './output.js';
import { discoveryFailed, labelsOf, scopeOf, type ManyProjectsOptions } from './org.js';
import { registerPath } from './paths.js';
import type { HistoryStore } from '../history/store.js';
import { sayOrgSummary, writeOrgReport } from './org-output.js';
import { registerDigestOf } from '../history/record.js';

export interface OrgAuditCommandOptions extends ManyProjectsOptions {
  register?: string;
  format: string;
  output?: string;
  formats?: string[];
  outputDir?: string;
  failAbove?: number;
  repo?: string;
  evidence?: string;
  /** The history store the organization's audit is recorded in (also GTP_STORE). */
  record?: string;
}

const SOURCES = ['auto', 'api', 'asset-inventory'] as const;
type Source = (typeof SOURCES)[number];

function sourceOf(options: OrgAuditCommandOptions, scope: Pick<ProjectScope, 'kind'>): Source {
  const source = options.source ?? 'auto';
  if (!(SOURCES as readonly string[]).includes(source))
    throw new InputError(`--source takes ${SOURCES.join(', ')}; got ${JSON.stringify(source)}`);
  // Asset Inventory lists below an organization or folder: a list of projects is read from their APIs.
  if (scope.kind === 'list') {
    if (source === 'asset-inventory')
      throw new InputError('--source asset-inventory reads below --organization or --folder, not a list of projects');
    return 'api';
  }
  return source as Source;
}

const ORG_FORMATS = ['md', 'json', 'html'] as const;

const isOrgFormat = (format: string): format is OrgFormat => (ORG_FORMATS as readonly string[]).includes(format);
const isProjectFormat = (format: string): format is ProjectFormat =>
  (PROJECT_FORMATS as readonly string[]).includes(format);

/**
 * The organization report's formats, and those written once per project (SARIF, JUnit) into
 * `<output-dir>/projects/`: those need --formats and --output-dir, since one stream cannot hold a file per project.
 */
function formatsOf(options: OrgAuditCommandOptions): { org: OrgFormat[]; perProject: ProjectFormat[] } {
  if ((options.formats === undefined) !== (options.outputDir === undefined))
    throw new InputError('--formats and --output-dir go together');
  // `auto` is the one-project terminal view; an organization is reported in Markdown unless asked otherwise.
  const asked = options.formats ?? [options.format === 'auto' ? 'md' : options.format];
  for (const format of asked) {
    if (isOrgFormat(format)) continue;
    if (!isProjectFormat(format)) throw new InputError(`an organization audit does not write ${format}`);
    if (!options.outputDir)
      throw new InputError(
        `--format ${format} is written once per project: use --formats ${format} --output-dir DIR (DIR/projects/<project>.${format === 'junit' ? 'junit.xml' : format})`,
      );
  }
  return { org: asked.filter(isOrgFormat), perProject: asked.filter(isProjectFormat) };
}

/**
 * `gtp audit --organization ID | --folder ID | --projects … | --projects-file F`: every project the scope holds,
 * one register (with its overrides), one report. Exit codes as for one project, over all of them; a discovery that
 * fails is exit 3 and no report, never a smaller organization.
 */
export async function orgAuditCommand(options: OrgAuditCommandOptions, clock: Clock): Promise<number> {
  const formats = formatsOf(options);
  const parallel = options.parallel ?? 8;
  if (parallel < 1) throw new InputError('--parallel must be at least 1');
  const registerFile = registerPath(options.register, false);
  const planned = options.plan ? await planFor(options, registerFile) : undefined;
  const scope = planned ? undefined : await scopeOf(options);
  const from = sourceOf(
    options,
    scope ?? { kind: /^(organizations|folders)\//.test(planned!.plan.scope) ? 'organization' : 'list' },
  );
  const filters = { include: options.include ?? [], exclude: options.exclude ?? [], labels: labelsOf(options.label) };
  const { register, locate, text: registerText } = await loadRegisterFile(registerFile, { knownChecks: CHECK_IDS });
  const storeTarget = recordedIn(options.record, planned?.shard.count);
  const pacer = quotaPacer(options.quota);
  const session = await openLive();
  // What the organization's own lists read ahead for every project (inventory, SCC findings) waits on disk until
  // its project is judged: memory follows the projects in flight.
  const spool = new FileSpool();
  let historyStore: HistoryStore | undefined;
  try {
    // Opened before any project is read: a store gtp cannot keep is said before the audit, never after it.
    historyStore = storeTarget ? await (await import('../history/open.js')).openStore(storeTarget) : undefined;
    const limit = createLimiter(16);
    // The organization's own reads (the inventory's lists, SCC's organization-wide lists): paced, retried, and a
    // refusal named by the permission it lacks.
    const paced = <T>(
      route: Route,
      params: Record<string, string>,
      request: () => Promise<T>,
      policy = DEFAULT_RETRY,
    ) => limit(() => needing(route.permission, () => withQuotaAndRetry(pacer, route, params, request, policy)));
    const organizationRead = (route: Route, params: Record<string, string>) =>
      paced(route, params, () => session.source.fetch(route, params));
    // The same for the organization-wide lists, a page at a time where the source can hand them over so.
    const organizationReadEach = (route: Route, params: Record<string, string>, begin: PageSink) =>
      paced(route, params, () => eachPageOf(session.source, route, params, begin), PAGED_LIST_RETRY);
    let discovery;
    try {
      discovery = planned
        ? discoveryOf(planned.plan, projectsOfShard(planned.plan, planned.shard))
        : await discoverProjects(
            scope!,
            {
              fetch: (route, params) =>
                limit(() =>
                  withQuotaAndRetry(pacer, route, params, () => session.source.fetch(route, params), DEFAULT_RETRY),
                ),
            },
            filters,
          );
    } catch (error) {
      return discoveryFailed(error);
    }
    if (discovery.projects.length === 0 && !planned)
      throw new InputError(`${discovery.scope}: no project to audit (${discovery.skipped.length} left out)`);
    const now = clock.now();
    let source: RestSource = session.source;
    let collection: OrgResult['collection'] = { from: 'api', assetTypes: [], fellBack: [] };
    if (from !== 'api') {
      const { AssetIndex, readTimeAt } = await import('../gcp/asset-inventory/index.js');
      const { AssetInventorySource } = await import('../gcp/asset-inventory/source.js');
      // A plan's copy of the inventory (plan-inventory.ts) answers the lists it holds; the API the rest.
      const plannedInventory = planned?.plan.inventory;
      let readEach = organizationReadEach;
      if (planned && plannedInventory) {
        const { checkPlanInventory, fromPlanInventory } = await import('../org/plan-inventory.js');
        await checkPlanInventory(planned.dir, plannedInventory);
        const fromPlan = fromPlanInventory(planned.dir, plannedInventory);
        readEach = (route, params, begin) =>
          fromPlan(route, params, begin) ?? organizationReadEach(route, params, begin);
      }
      const index = await AssetIndex.load({
        scope: discovery.scope,
        // The plan's instant, so that every shard reads the same inventory.
        readTime: planned?.plan.readTime ?? readTimeAt(now).toISOString(),
        fetch: organizationRead,
        spool,
        ...(planned ? { projects: new Set(discovery.projects.flatMap((p) => (p.name ? [p.name] : []))) } : {}),
        fetchEach: readEach,
        onFailure: from === 'auto' ? 'fallback' : 'strict',
      });
      for (const { assetType, reason } of index.fellBack)
        warn(`${assetType}: read from each project's API, since Cloud Asset Inventory could not list it: ${reason}`);
      const numbers = new Map(discovery.projects.flatMap((p) => (p.name ? [[p.projectId, p.name] as const] : [])));
      source = new AssetInventorySource(session.source, index, numbers);
      collection = {
        from: 'asset-inventory',
        readTime: index.readTime,
        assetTypes: index.assetTypes,
        fellBack: index.fellBack,
      };
    }
    // Below an organization, SCC's findings are read once for all its projects, when every project's number is
    // known (a finding names its project by number).
    const organization = /^organizations\/(\d+)$/.exec(discovery.scope)?.[1];
    if (organization && discovery.projects.length > 0 && discovery.projects.every((p) => p.name)) {
      const { OrganizationFindings, OrganizationFindingsSource } = await import('../gcp/scc-organization.js');
      const findings = new OrganizationFindings(
        organization,
        new Map(discovery.projects.map((p) => [p.projectId, p.name!])),
        {
          fetch: organizationRead,
          fetchEach: organizationReadEach,
          onFallback: (reason) => warn(`warning: ${reason}`),
          spool,
        },
      );
      source = new OrganizationFindingsSource(source, findings);
    }
    // Each project as discovery listed it: its own projects.get is not made again.
    if (discovery.projects.some((p) => p.resource !== undefined)) {
      const { DiscoveredProjectsSource, withoutResources } = await import('../org/projects-source.js');
      source = new DiscoveredProjectsSource(source, discovery.projects, spool);
      // The Projects now wait in the spool: the list keeps what the audit schedules, filters and overrides by.
      discovery = { ...discovery, projects: withoutResources(discovery.projects) };
    }
    // Overrides are checked against the whole scope (a shard's share of a plan is only part of it).
    const warnings = overridesNamingNothing(register, {
      ...discovery,
      projects: planned ? planned.plan.projects : discovery.projects,
    }).map((stray) => stray.message);
    for (const warning of warnings) warn(`warning: ${warning}`);
    const gateOptions = options.failAbove !== undefined ? { failAbove: options.failAbove } : {};
    const projectFiles = formats.perProject.length > 0 ? await ProjectFiles.open(options.outputDir!) : undefined;
    const audit: OrgAuditOptions = {
      register,
      discovery,
      source,
      collection,
      pacer,
      now,
      generatedAt: now,
      repoDir: options.repo ?? '.',
      ...(options.evidence ? { evidence: options.evidence } : {}),
      parallel,
      warnings,
      gate: gateOptions,
      spool,
      onProject: progressReporter(pacer),
      ...(projectFiles
        ? {
            onResult: async (result, projectRegister) => {
              const { RENDERERS } = await import('../report/index.js');
              const { gateFailures } = await import('../audit/gate.js');
              const ctx = {
                register: projectRegister,
                result,
                registerFile,
                locate,
                gateFailures: gateFailures(result, gateOptions),
              };
              for (const format of formats.perProject)
                await projectFiles.write(result.project ?? '', format, RENDERERS[format](ctx));
            },
          }
        : {}),
    };
    const { auditOrganization } = await import('../org/audit.js');
    let result;
    try {
      result = await auditOrganization(audit);
      await projectFiles?.commit();
    } catch (error) {
      await projectFiles?.abort();
      throw error;
    }
    if (planned) {
      const where = await writeShard(planned.dir, planned.shard, result, {
        schemaVersion: 1,
        kind: 'shard',
        planDigest: planned.digest,
        shard: planned.shard,
        from: planned.from,
        quotaProject: process.env.GOOGLE_CLOUD_QUOTA_PROJECT || null,
        startedAt: now.toISOString(),
        finishedAt: clock.now().toISOString(),
        durationMs: result.requests.durationMs,
        projects: {
          attempted: discovery.projects.map((p) => p.projectId),
          ...doneAndInError(result.projects),
        },
        requests: result.requests.perApi,
      });
      warn(
        `shard ${planned.shard.index} of ${planned.shard.count} (${planned.from}): ${result.projects.length} projects written to ${where}`,
      );
      // One shard of several: the gate is `gtp merge`'s, over every shard.
      if (planned.shard.count > 1) return EXIT.OK;
    }
    const outcome = organizationGate(result.summary);
    // Recorded before any report is written, every project in one transaction.
    if (historyStore) {
      const { recordOrganizationAudit } = await import('../history/audit.js');
      await recordOrganizationAudit(historyStore, result, {
        registerDigest: registerDigestOf(registerText),
        gate: outcome,
      });
    }
    await writeOrgReport(result, formats.org, options);
    if (process.env.GITHUB_ACTIONS === 'true') {
      const { githubOrgAnnotations } = await import('./github.js');
      await githubOrgAnnotations(result, registerFile, ORG_RENDERERS.md(result));
    }
    sayOrgSummary(result);
    return exitCodeOf(outcome);
  } finally {
    spool.close();
    await historyStore?.close();
    await session.close();
  }
}

/**
 * The store an organization audit records in: --record, else GTP_STORE. One shard of several records nothing (its
 * projects are part of an audit only the merge sees whole): --record there is bad input, and GTP_STORE is left to
 * `gtp merge`.
 */
function recordedIn(flag: string | undefined, shards: number | undefined): string | undefined {
  if (shards !== undefined && shards > 1) {
    if (flag !== undefined)
      throw new InputError('--record: a shard records nothing; record the whole audit with gtp merge --record STORE');
    return undefined;
  }
  return flag ?? process.env.GTP_STORE;
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

/**
 * The plan this shard runs: read and checked (made with this very register), with which shard this process is.
 * A scope beside a plan is bad input: the plan already froze the projects.
 */
async function planFor(options: OrgAuditCommandOptions, registerFile: string) {
  const scoped = [options.organization, options.folder, options.projects, options.projectsFile].some(
    (v) => v !== undefined,
  );
  const filtered = [options.include, options.exclude, options.label].some((v) => v !== undefined);
  if (scoped || filtered)
    throw new InputError('--plan names the projects already; it cannot be combined with a scope or a filter');
  if (options.plan!.startsWith('gs://'))
    throw new InputError(
      '--plan reads a directory (a Cloud Storage bucket mounted as a volume works); gs:// is not read directly yet',
    );
  const file = options.plan!;
  const { plan, digest } = await readPlan(file);
  const register = await readInputFile(registerFile, 'register');
  if (digestOf(register) !== plan.registerDigest)
    throw new InputError(
      `${registerFile} has changed since ${file} was made: every shard must judge with the same register`,
    );
  const identity = shardOf(options.shard, options.shards, process.env);
  if ('error' in identity) throw new InputError(identity.error);
  return { plan, digest, dir: dirname(file), shard: identity.shard, from: identity.from };
}

/** The projects a shard judged, and those of them it could not fully assess, for its manifest. */
function doneAndInError(projects: Iterable<ProjectOutcome>): { done: string[]; inError: string[] } {
  const done: string[] = [];
  const inError: string[] = [];
  for (const p of projects) {
    done.push(p.projectId);
    if (p.gate === 'unverified') inError.push(p.projectId);
  }
  return { done, inError };
}
