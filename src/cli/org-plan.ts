import { dirname, join } from 'node:path';
import { FileSpool } from '../util/spool.js';
import { CHECK_IDS } from '../checks/index.js';
import { DEFAULT_RETRY, createLimiter } from '../gcp/retry.js';
import { PAGED_LIST_RETRY } from '../gcp/pages.js';
import { parseRegisterWithProbes } from '../matrix/load.js';
import { withQuotaAndRetry } from '../gcp/quota.js';
import { discoverProjects } from '../org/discover.js';
import { readTimeAt } from '../gcp/asset-inventory/index.js';
import { organizationGate } from '../org/audit.js';
import { digestOf, planOf, PLAN_FILE, readPlan } from '../org/plan.js';
import { INVENTORY_DIR, writePlanInventory } from '../org/plan-inventory.js';
import { eachPageOf } from '../gcp/source.js';
import { mergeShards } from '../org/shards.js';
import type { OrgFormat } from '../report/org.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Clock } from '../util/clock.js';
import { InputError } from '../util/errors.js';
import { readInputFile } from '../util/yaml-input.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { openLive, quotaPacer } from './gcp-session.js';
import { discoveryFailed, labelsOf, scopeOf, type ScopeOptions } from './org.js';
import { warn } from './output.js';
import { sayOrgSummary, writeOrgReport } from './org-output.js';
import { registerPath } from './paths.js';

export interface OrgPlanOptions extends ScopeOptions {
  register?: string;
  output: string;
  /** false (--no-inventory): each shard lists Cloud Asset Inventory itself. */
  inventory?: boolean;
}

/**
 * `gtp org plan`: discovers the projects once and freezes them, with the register's digest and one Asset Inventory
 * read time, into DIR/plan.json. A discovery that fails is exit 3 and no plan: never a smaller organization.
 */
export async function orgPlanCommand(options: OrgPlanOptions, clock: Clock): Promise<number> {
  if (options.output.startsWith('gs://'))
    throw new InputError(
      '--output is a directory (a Cloud Storage bucket mounted as a volume works); gs:// is not written directly yet',
    );
  const scope = await scopeOf(options);
  const filters = { include: options.include ?? [], exclude: options.exclude ?? [], labels: labelsOf(options.label) };
  const registerFile = registerPath(options.register, false);
  // The register is judged by every shard: one that no shard could load is refused here, as gtp validate would,
  // instead of frozen into a plan.
  const registerText = await readInputFile(registerFile, 'register');
  await parseRegisterWithProbes(registerText, registerFile, { knownChecks: CHECK_IDS });
  const registerDigest = digestOf(registerText);
  const pacer = quotaPacer();
  const session = await openLive();
  try {
    const limit = createLimiter(16);
    const now = clock.now();
    const discovery = await discoverProjects(
      scope,
      {
        fetch: (route, params) =>
          limit(() =>
            withQuotaAndRetry(pacer, route, params, () => session.source.fetch(route, params), DEFAULT_RETRY),
          ),
      },
      filters,
    );
    if (discovery.projects.length === 0)
      throw new InputError(`${discovery.scope}: no project to plan (${discovery.skipped.length} left out)`);
    const readTime = readTimeAt(now);
    // Below an organization or folder, the inventory's lists once, for every shard (plan-inventory.ts).
    const inventory =
      options.inventory !== false && /^(organizations|folders)\//.test(discovery.scope)
        ? await writePlanInventory(options.output, discovery.scope, readTime.toISOString(), (route, params, begin) =>
            limit(() =>
              withQuotaAndRetry(
                pacer,
                route,
                params,
                () => eachPageOf(session.source, route, params, begin),
                PAGED_LIST_RETRY,
              ),
            ),
          )
        : undefined;
    for (const entry of inventory ?? [])
      if ('unlisted' in entry)
        warn(`${entry.assetType}: not listed for the shards (each shard lists it itself): ${entry.unlisted}`);
    const plan = planOf(discovery, registerDigest, now, readTime, inventory);
    const file = join(options.output, PLAN_FILE);
    await writeFileAtomic(file, `${JSON.stringify(plan, null, 2)}\n`);
    const listed = (inventory ?? []).filter((e) => 'file' in e).length;
    warn(
      `${plan.projects.length} projects of ${plan.scope} planned in ${file}${inventory ? `; ${listed} asset types listed for the shards in ${join(options.output, INVENTORY_DIR)}` : ''}`,
    );
    return EXIT.OK;
  } catch (error) {
    return discoveryFailed(error);
  } finally {
    await session.close();
  }
}

export interface MergeOptions {
  plan: string;
  shards?: number;
  format: OrgFormat;
  output?: string;
  formats?: string;
  outputDir?: string;
  /** The history store the merged audit is recorded in (also GTP_STORE). */
  record?: string;
}

/**
 * `gtp merge --plan P`: the shards' reports joined into the organization report, when the shards cover the plan
 * exactly; otherwise exit 3 naming each missing, unfinished or foreign shard, and no report.
 */
export async function mergeCommand(options: MergeOptions): Promise<number> {
  if ((options.formats === undefined) !== (options.outputDir === undefined))
    throw new InputError('--formats and --output-dir go together');
  const formats = (options.formats?.split(',') ?? [options.format]).map((f) => {
    if (!['md', 'json', 'html'].includes(f)) throw new InputError(`gtp merge writes md, json or html, not ${f}`);
    return f as OrgFormat;
  });
  const { plan, digest } = await readPlan(options.plan);
  const storeTarget = options.record ?? process.env.GTP_STORE;
  // Opened first: a store gtp cannot keep is said before anything is merged.
  const history = storeTarget ? await import('../history/audit.js') : undefined;
  const store = storeTarget ? await history!.openStore(storeTarget) : undefined;
  // Each shard's projects wait on disk for the merged report, released with their shard.
  const spool = new FileSpool();
  try {
    const merged = await mergeShards(dirname(options.plan), plan, digest, options.shards, spool);
    if (!merged.ok) {
      for (const problem of merged.problems) warn(`unverified: ${problem}`);
      warn('no report: the shards do not cover the plan');
      return EXIT.UNVERIFIED;
    }
    const result = merged.result;
    const outcome = organizationGate(result.summary);
    // Recorded before any report is written, every project in one transaction, with the register digest the plan
    // froze: the one every shard judged with.
    if (store)
      await history!.recordOrganizationAudit(store, result, {
        registerDigest: plan.registerDigest.replace(/^sha256:/, ''),
        gate: outcome,
      });
    await writeOrgReport(result, formats, options);
    sayOrgSummary(result);
    return exitCodeOf(outcome);
  } finally {
    spool.close();
    await store?.close();
  }
}
