// An organization audit (`gtp audit --organization`) of a synthetic organization served by `gtp emulate` in
// another process, with the emulator enforcing Google's default read quotas per minute. A quota minute is scaled
// down (printed) so the run is short; gtp is told the same scale (GTP_QUOTA_MINUTE_MS). Prints wall time, calls
// per API, rate-quota answers (429, or Compute's 403 rateLimitExceeded), peak RSS, the quota floor
// T = max over quota buckets of calls ÷ rate, and wall ÷ T, for each collection source: each project's APIs
// (--source api) and Cloud Asset Inventory for the types it holds (--source asset-inventory). BENCH_NODE_OPTIONS
// adds V8 flags to the measured process (e.g. --max-old-space-size=150, to tell the live set from GC slack).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, URLSearchParams } from 'node:url';
import { emulate, quotaArgs, run } from './lib.mjs';

const SIZES = (process.env.BENCH_ORG_AUDIT_SIZES ?? '10,100,1000').split(',').map(Number);
const MINUTE_MS = Number(process.env.BENCH_QUOTA_MINUTE_MS ?? 20_000);
const PARALLEL = process.env.BENCH_ORG_PARALLEL ?? '8';
const SOURCES = (process.env.BENCH_ORG_SOURCES ?? 'api,asset-inventory').split(',');

const scratch = await mkdtemp(join(tmpdir(), 'gtp-bench-org-audit-'));
const rssFile = join(scratch, 'rss');
/** Peak RSS by source and size, for the ratio of the largest size to the smallest (flat memory: ≤ 1.3). */
const peaks = new Map();
try {
  console.log(
    `organization audit, a quota minute scaled to ${MINUTE_MS} ms, --parallel ${PARALLEL}, Node ${process.versions.node}`,
  );
  for (const n of SIZES)
    for (const source of SOURCES) {
      const emulator = await emulate([
        '--synthetic-organization',
        String(n),
        '--quota-minute',
        String(MINUTE_MS),
        ...quotaArgs(),
      ]);
      const report = join(scratch, `org-${n}-${source}.json`);
      try {
        const { ms, code, stderr } = await run(
          process.execPath,
          [
            'bin/gtp.js',
            'audit',
            '--organization',
            '111111111111',
            '--repo',
            'examples/demo-repo',
            '--parallel',
            PARALLEL,
            '--source',
            source,
            '--format',
            'json',
            '--output',
            report,
          ],
          {
            ...emulator.env,
            GTP_QUOTA_MINUTE_MS: String(MINUTE_MS),
            NODE_OPTIONS: `--import=${pathToFileURL('bench/peak-rss.mjs').href} ${process.env.BENCH_NODE_OPTIONS ?? ''}`,
            GTP_BENCH_RSS_FILE: rssFile,
          },
        );
        // 1: some projects drifted, as the synthetic organization has them; anything else is a failed run.
        if (code !== 1) throw new Error(`gtp audit --organization exited ${code}: ${stderr.slice(-2000)}`);
        const result = JSON.parse(await readFile(report, 'utf8'));
        const rss = Number(await readFile(rssFile, 'utf8')) / 1024;
        peaks.set(source, [...(peaks.get(source) ?? []), { n, rss }]);
        const refused = emulator.requests.filter(
          (line) => / (429|403) /.test(line) && !line.includes('/instances'),
        ).length;
        const calls = Object.values(result.requests.perApi).reduce((sum, c) => sum + c.calls, 0);
        const limited = Object.values(result.requests.perApi).reduce((sum, c) => sum + c.rateLimited, 0);
        const floor = result.requests.quotaFloorMs;
        const busiest = result.requests.quotas.reduce((a, b) =>
          b.calls / b.perMinute > a.calls / a.perMinute ? b : a,
        );
        const s = result.summary;
        console.log(
          `${String(n).padStart(5)} projects, --source ${source.padEnd(15)}: ${(ms / 1000).toFixed(1).padStart(6)} s wall, floor T ${(floor / 1000).toFixed(1)} s (${busiest.service} ${busiest.calls} calls at ${busiest.perMinute}/min), wall/T ${(ms / floor).toFixed(2)} (target ≤ 1.1 at 1,000 and 10,000), ${calls} calls, ${limited} rate-quota answers to gtp (${refused} refusals logged), peak RSS ${rss.toFixed(0)} MB (target ≤ 400 at 10,000), verdicts ${s.passed} passed / ${s.failed} failed / ${s.unverified} unverified`,
        );
        console.log(
          `        calls per API: ${Object.entries(result.requests.perApi)
            .map(([api, c]) => `${api.replace('.googleapis.com', '')} ${c.calls}`)
            .join(', ')}`,
        );
        // Asset Inventory's own cost: its list pages per asset type, as the emulator logged them.
        const pages = new Map();
        for (const line of emulator.requests) {
          const query = / \/v1\/[^ ?]+\/assets\?([^ ]*) /.exec(line)?.[1];
          if (query === undefined) continue;
          const type = new URLSearchParams(query).get('assetTypes') ?? '(none)';
          pages.set(type, (pages.get(type) ?? 0) + 1);
        }
        console.log(
          `        inventory pages per asset type: ${[...pages]
            .sort((a, b) => b[1] - a[1])
            .map(([type, count]) => `${type.replace('.googleapis.com', '')} ${count}`)
            .join(', ')}`,
        );
        // The floor at Google's real (unscaled) minute: each API's calls over its per-minute quota; the busiest
        // bucket is the organization's floor. Calls outside the inventory: every call but Asset Inventory's own.
        const realFloors = result.requests.quotas
          .map((q) => ({ service: q.service.replace('.googleapis.com', ''), minutes: q.calls / q.perMinute }))
          .sort((a, b) => b.minutes - a.minutes);
        const outside = Object.entries(result.requests.perApi)
          .filter(([api]) => api !== 'cloudasset.googleapis.com')
          .reduce((sum, [, c]) => sum + c.calls, 0);
        console.log(
          `        real-quota floor ${realFloors[0].minutes.toFixed(1)} min (${realFloors[0].service}; target ≤ 10 at 10,000); per API: ${realFloors
            .map((f) => `${f.service} ${f.minutes.toFixed(1)}`)
            .join(', ')} min; calls per project outside the inventory ${(outside / n).toFixed(2)} (target ≤ 1)`,
        );
      } finally {
        await emulator.stop();
      }
    }
  for (const [source, sizes] of peaks)
    if (sizes.length > 1) {
      const [small, large] = [sizes[0], sizes.at(-1)];
      console.log(
        `--source ${source}: peak RSS at ${large.n} projects ÷ at ${small.n}: ${(large.rss / small.rss).toFixed(2)} (target ≤ 1.3)`,
      );
    }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
