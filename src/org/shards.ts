import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { StagedDirectory } from '../util/atomic-dir.js';
import { orgJsonChunks } from './result-json.js';
import { parseJsonFile } from '../util/json-input.js';
import { gate } from '../audit/gate.js';
import { OutcomeTally } from './audit.js';
import { SpooledOutcomes } from './outcomes.js';
import type { Plan } from './plan.js';
import type { OrgReport, OrgResult, ProjectOutcome } from './result.js';
import { readShardReport, type ShardReportHead } from './shard-report.js';
import { MemorySpool, type Slice, type Spool } from '../util/spool.js';
import { isShardCount, MAX_SHARDS, projectsOfShard, shardDirName, type Shard } from './shard.js';

/** What one shard did, written beside its report: what `gtp merge` checks against the plan. */
export const manifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('shard'),
  planDigest: z.string(),
  shard: z.strictObject({ index: z.number().int(), count: z.number().int() }),
  /** Where this process learnt which shard it is (--shard, CLOUD_RUN_TASK_INDEX, …). */
  from: z.string(),
  quotaProject: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  projects: z.strictObject({
    attempted: z.array(z.string()),
    done: z.array(z.string()),
    inError: z.array(z.string()).describe('projects that could not be fully assessed'),
  }),
  requests: z.record(z.string(), z.strictObject({ calls: z.number().int(), rateLimited: z.number().int() })),
});

export type Manifest = z.infer<typeof manifestSchema>;

export const SHARDS_DIR = 'shards';

/** Writes a shard's report and manifest into PLAN_DIR/shards/I-of-N, replacing that shard's previous output only. */
export async function writeShard(
  planDir: string,
  shard: Shard,
  result: OrgReport,
  manifest: Manifest,
): Promise<string> {
  const dir = await StagedDirectory.open(join(planDir, SHARDS_DIR, shardDirName(shard)));
  try {
    // A project at a time: a shard of many projects never holds its report as one string.
    await dir.write('org-audit.json', orgJsonChunks(result));
    // The manifest last: a shard directory with a manifest is a finished shard.
    await dir.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    await dir.commit();
  } catch (error) {
    await dir.abort();
    throw error;
  }
  return dir.target;
}

/**
 * Why a project's gate, as its shard wrote it, cannot follow from the verdicts beside it; undefined where it can. The
 * verdicts are gated again (audit/gate.ts, without thresholds): a drifted risk fails the gate, an unverifiable check
 * keeps it from passing. A score over --fail-above fails it too, which the merge cannot re-derive: a failed gate
 * must name its reasons.
 */
export function gateContradiction(project: OrgResult['projects'][number]): string | undefined {
  const derived = gate(project, {});
  if (derived.outcome === 'failed' && project.gate !== 'failed')
    return `gate ${project.gate}, but ${derived.reasons[0]!.risk} drifted`;
  if (derived.outcome === 'unverified' && project.gate === 'passed')
    return `gate passed, but ${derived.reasons[0]!.check} could not be verified`;
  if (derived.outcome === 'passed' && project.gate === 'unverified')
    return 'gate unverified, but every check was verified';
  if (project.gate !== 'passed' && project.reasons.length === 0) return `gate ${project.gate}, with no reason given`;
  return undefined;
}

export type Merge = { ok: true; result: OrgReport } | { ok: false; problems: string[] };

function unreadable(label: string, error: unknown): string {
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
  return `${label}: ${missing ? 'missing (it has not finished, or did not run)' : `unreadable: ${(error as Error).message}`}`;
}

/**
 * What one reading of a shard's report found: its projects written to the spool (those assigned to it; another
 * shard's project is only named), counted apart from the merge's tally, and what makes the shard unsound.
 */
function shardReading(outcomes: SpooledOutcomes, own: ReadonlySet<string>) {
  const reported = new Set<string>();
  const twice: string[] = [];
  const contradicted: string[] = [];
  const staged: { projectId: string; slice: Slice }[] = [];
  const tally = new OutcomeTally();
  const add = (project: ProjectOutcome) => {
    if (reported.has(project.projectId)) {
      twice.push(project.projectId);
      return;
    }
    reported.add(project.projectId);
    const why = gateContradiction(project);
    if (why) contradicted.push(`${project.projectId}: ${why}`);
    if (why || !own.has(project.projectId)) return;
    staged.push({ projectId: project.projectId, slice: outcomes.stage(project) });
    tally.add(project);
  };
  return { add, reported, twice, contradicted, staged, tally };
}

/**
 * The shards of a plan joined into one organization report, when they cover the plan exactly: every shard of the
 * count present, made from this plan, with every project it was assigned done. Otherwise the problems, each naming
 * its shard: a missing shard is never a smaller organization.
 */
export async function mergeShards(
  planDir: string,
  plan: Plan,
  planDigest: string,
  count?: number,
  /** Where each project's outcome waits for the merged report (default: in memory). */
  spool: Spool = new MemorySpool(),
): Promise<Merge> {
  const names = await readdir(join(planDir, SHARDS_DIR)).catch(() => [] as string[]);
  const found = names
    .map((name) => /^(\d+)-of-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[0], index: Number(m[1]), count: Number(m[2]) }));
  const counts = [...new Set(found.map((f) => f.count))];
  if (count !== undefined && !isShardCount(count))
    return { ok: false, problems: [`--shards ${count}: a plan is run by 1 to ${MAX_SHARDS} shards`] };
  const n = count ?? (counts.length === 1 ? counts[0] : undefined);
  if (n === undefined)
    return {
      ok: false,
      problems: [
        counts.length === 0
          ? `${join(planDir, SHARDS_DIR)}: no shard has written its output`
          : `shards of several counts are present (${counts.join(', ')}): say which with --shards N`,
      ],
    };
  const problems: string[] = [];
  // The plan's order, as one process auditing the whole plan reports them; each shard's projects are set in their
  // place and released with the shard.
  const order = new Map(plan.projects.map((p, i) => [p.projectId, i]));
  const outcomes = new SpooledOutcomes(spool, plan.projects.length);
  const tally = new OutcomeTally();
  const results: ShardReportHead[] = [];
  const titles = new Map<string, string>();
  for (let index = 0; index < n; index++) {
    const shard = { index, count: n };
    const label = `shard ${shardDirName(shard)}`;
    const dir = join(planDir, SHARDS_DIR, shardDirName(shard));
    let manifest: Manifest;
    try {
      manifest = parseJsonFile('manifest.json', await readFile(join(dir, 'manifest.json'), 'utf8'), manifestSchema);
    } catch (error) {
      problems.push(unreadable(label, error));
      continue;
    }
    if (manifest.planDigest !== planDigest) {
      problems.push(`${label}: made from another plan`);
      continue;
    }
    if (manifest.shard.index !== index || manifest.shard.count !== n) {
      problems.push(`${label}: its manifest says it is shard ${manifest.shard.index}-of-${manifest.shard.count}`);
      continue;
    }
    const assigned = projectsOfShard(plan, shard).map((p) => p.projectId);
    const own = new Set(assigned);
    // The shard's projects are read one at a time and written to the spool as they come; they are placed in the
    // merged report, and counted, only once the whole shard is found sound.
    let read!: ReturnType<typeof shardReading>;
    let head: ShardReportHead;
    try {
      head = await readShardReport(join(dir, 'org-audit.json'), 'org-audit.json', () => {
        read = shardReading(outcomes, own);
        return read.add;
      });
    } catch (error) {
      problems.push(unreadable(label, error));
      continue;
    }
    if (read.twice.length > 0) {
      problems.push(`${label}: reports ${read.twice.length} project(s) twice (${read.twice.slice(0, 5).join(', ')})`);
      continue;
    }
    if (read.contradicted.length > 0) {
      problems.push(`${label}: a gate contradicts its own verdicts (${read.contradicted.slice(0, 3).join('; ')})`);
      continue;
    }
    const done = new Set(manifest.projects.done);
    const lacking = assigned.filter((id) => !done.has(id) || !read.reported.has(id));
    const extra = [...read.reported].filter((id) => !own.has(id));
    if (lacking.length > 0 || extra.length > 0) {
      problems.push(
        `${label}: ${lacking.length > 0 ? `${lacking.length} assigned project(s) not done (${lacking.slice(0, 5).join(', ')})` : ''}${extra.length > 0 ? `${lacking.length > 0 ? '; ' : ''}${extra.length} project(s) not its own` : ''}`,
      );
      continue;
    }
    // Only once every shard is sound are its projects kept.
    if (problems.length > 0) continue;
    for (const { projectId, slice } of read.staged) outcomes.place(order.get(projectId)!, slice, projectId);
    tally.absorb(read.tally);
    for (const c of head.checks) titles.set(c.id, c.title);
    results.push(head);
  }
  if (problems.length === 0 && results.length === 0) problems.push('no shard reported a project');
  if (problems.length > 0) return { ok: false, problems };
  const first = results[0]!;
  const perApi: OrgResult['requests']['perApi'] = {};
  for (const r of results)
    for (const [api, c] of Object.entries(r.requests.perApi)) {
      const sum = (perApi[api] ??= { calls: 0, rateLimited: 0 });
      sum.calls += c.calls;
      sum.rateLimited += c.rateLimited;
    }
  return {
    ok: true,
    result: {
      ...first,
      generatedAt: results.map((r) => r.generatedAt).sort()[0]!,
      summary: tally.summary(),
      checks: tally.checks(titles),
      projects: outcomes,
      requests: {
        // Shards run side by side: the merged run took as long as its slowest shard.
        durationMs: Math.max(...results.map((r) => r.requests.durationMs)),
        perApi,
        quotas: results.flatMap((r) => r.requests.quotas),
        quotaFloorMs: Math.max(...results.map((r) => r.requests.quotaFloorMs)),
      },
    },
  };
}
