// A sharded organization audit against `gtp emulate --synthetic-organization N` in another process, the emulator
// enforcing Google's default read quotas per minute (scaled, printed). One plan; then the whole plan in one process,
// and as 4 and 16 shards run side by side as local processes, each charging its own quota project
// (GOOGLE_CLOUD_QUOTA_PROJECT); then the merge. Prints each shard's wall time and quota floor, the total, and the
// merge time and its peak RSS. On a machine with few cores the shards share them: the figures say so.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { emulate, quotaArgs, run } from './lib.mjs';

const SIZE = Number(process.env.BENCH_SHARDS_SIZE ?? 1000);
const COUNTS = (process.env.BENCH_SHARD_COUNTS ?? '1,4,16').split(',').map(Number);
const MINUTE_MS = Number(process.env.BENCH_QUOTA_MINUTE_MS ?? 20_000);

const emulator = await emulate([
  '--synthetic-organization',
  String(SIZE),
  '--quota-minute',
  String(MINUTE_MS),
  ...quotaArgs(),
]);
const dir = await mkdtemp(join(tmpdir(), 'gtp-bench-shards-'));
const env = { ...emulator.env, GTP_QUOTA_MINUTE_MS: String(MINUTE_MS) };
const gtp = (args, extra = {}) => run(process.execPath, ['bin/gtp.js', ...args], { ...env, ...extra });
try {
  console.log(
    `sharded organization audit of ${SIZE} projects, a quota minute scaled to ${MINUTE_MS} ms, Node ${process.versions.node}`,
  );
  // Cloud Asset Inventory's lists, as the emulator logged them: the plan lists them once for every shard.
  const assetCalls = () => emulator.requests.filter((line) => /\/assets[? ]/.test(line)).length;
  const plan = await gtp(['org', 'plan', '--organization', '111111111111', '--output', dir]);
  if (plan.code !== 0) throw new Error(`gtp org plan exited ${plan.code}: ${plan.stderr}`);
  console.log(
    `plan: ${(plan.ms / 1000).toFixed(1)} s, ${assetCalls()} Cloud Asset Inventory calls (its copy for the shards)`,
  );
  let reference;
  for (const count of COUNTS) {
    const assetsBefore = assetCalls();
    const started = performance.now();
    const shards = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        gtp(['audit', '--plan', join(dir, 'plan.json'), '--shard', `${i}/${count}`, '--repo', 'examples/demo-repo'], {
          GOOGLE_CLOUD_QUOTA_PROJECT: `bench-quota-${count}-${i}`,
        }),
      ),
    );
    const total = performance.now() - started;
    const shardAssetCalls = assetCalls() - assetsBefore;
    for (const [i, s] of shards.entries())
      if (s.code !== 0 && !(count === 1 && s.code === 1))
        throw new Error(`shard ${i}/${count} exited ${s.code}: ${s.stderr.slice(-1500)}`);
    const floors = await Promise.all(
      shards.map(async (_, i) => {
        const result = JSON.parse(await readFile(join(dir, 'shards', `${i}-of-${count}`, 'org-audit.json'), 'utf8'));
        const limited = Object.entries(result.requests.perApi).filter(([, c]) => c.rateLimited > 0);
        return { floor: result.requests.quotaFloorMs, projects: result.projects.length, limited };
      }),
    );
    const rssFile = join(dir, `merge-${count}.rss`);
    const mergedFile = join(dir, `merged-${count}.json`);
    const merge = await gtp(
      [
        'merge',
        '--plan',
        join(dir, 'plan.json'),
        '--shards',
        String(count),
        '--format',
        'json',
        '--output',
        mergedFile,
      ],
      {
        NODE_OPTIONS: `--import=${pathToFileURL('bench/peak-rss.mjs').href}`,
        GTP_BENCH_RSS_FILE: rssFile,
      },
    );
    if (merge.code !== 1) throw new Error(`merge of ${count} exited ${merge.code}: ${merge.stderr.slice(-1500)}`);
    // The merged verdicts must be the same however the plan is cut: compared with the first count's.
    const merged = JSON.parse(await readFile(mergedFile, 'utf8'));
    const verdicts = JSON.stringify({ summary: merged.summary, checks: merged.checks, projects: merged.projects });
    reference ??= { count, verdicts };
    const same = verdicts === reference.verdicts;
    reference.projects ??= merged.projects;
    if (!same) {
      // Which projects differ, and how: the first few, for a reader to tell a real difference from a refusal.
      const before = new Map(reference.projects.map((p) => [p.projectId, p]));
      const differing = merged.projects.filter((p) => JSON.stringify(p) !== JSON.stringify(before.get(p.projectId)));
      console.log(`   ${differing.length} project(s) differ, e.g.:`);
      for (const p of differing.slice(0, 3)) {
        const was = before.get(p.projectId);
        const checks = p.checks.filter((c, i) => JSON.stringify(c) !== JSON.stringify(was?.checks[i]));
        console.log(`   ${p.projectId}: gate ${was?.gate} → ${p.gate}; ${JSON.stringify(checks).slice(0, 400)}`);
      }
    }
    const limited = floors.flatMap((f) => f.limited.map(([api, c]) => `${api} ${c.rateLimited}`));
    if (limited.length > 0) console.log(`   rate-quota answers to the shards: ${limited.join(', ')}`);
    const walls = shards.map((s) => s.ms / 1000);
    console.log(
      `${String(count).padStart(2)} shard(s): total ${(total / 1000).toFixed(1)} s; per shard wall ${Math.min(...walls).toFixed(1)}–${Math.max(...walls).toFixed(1)} s, quota floor ${(Math.max(...floors.map((f) => f.floor)) / 1000).toFixed(1)} s at most, ${shardAssetCalls} Cloud Asset Inventory calls by the shards, ${Math.min(...floors.map((f) => f.projects))}–${Math.max(...floors.map((f) => f.projects))} projects each; merge ${(merge.ms / 1000).toFixed(2)} s (target ≤ 10 at 10,000), its peak RSS ${(Number(await readFile(rssFile, 'utf8')) / 1024).toFixed(0)} MB (target ≤ 300); verdicts ${same ? 'equal to' : 'DIFFERENT FROM'} ${reference.count} shard(s)`,
    );
  }
} finally {
  await emulator.stop();
  await rm(dir, { recursive: true, force: true });
}
