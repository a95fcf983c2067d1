// The audit of the reference world, live (the official clients against `gtp emulate` in another process) and from
// the same world as a snapshot (no client library), interleaved so that machine noise falls on both alike: wall
// time and peak RSS of each, and the ratio of live to snapshot measured in this run.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { emulate, median, run } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const world = 'examples/worlds/reference-stack.json';
// The reference world's application repository, as `gtp audit --demo` reads it.
const repo = 'examples/demo-repo';
const TARGETS = { liveMs: 1000, liveMb: 200, ratio: 3.5, snapshotMs: 400 };

const emulator = await emulate(['--world', world]);
const scratch = await mkdtemp(join(tmpdir(), 'gtp-bench-'));
const rssFile = join(scratch, 'rss');
const measured = {
  NODE_OPTIONS: `--import=${pathToFileURL('bench/peak-rss.mjs').href}`,
  GTP_BENCH_RSS_FILE: rssFile,
};
const commands = {
  live: {
    args: ['audit', '--project', 'acme-prod', '--repo', repo, '--format', 'json'],
    env: { ...emulator.env, ...measured },
  },
  snapshot: {
    args: ['audit', '--snapshot', world, '--project', 'acme-prod', '--repo', repo, '--format', 'json'],
    env: { ...measured, METADATA_SERVER_DETECTION: 'none' },
  },
};
const results = { live: { ms: [], mb: [] }, snapshot: { ms: [], mb: [] } };
try {
  // The first round only warms the disk and the compile cache.
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const [name, { args, env }] of Object.entries(commands)) {
      const { ms, code, stderr } = await run(process.execPath, ['bin/gtp.js', ...args], env);
      if (code !== 0) throw new Error(`${name} audit exited ${code}: ${stderr}`);
      if (round === 0) continue;
      results[name].ms.push(ms);
      results[name].mb.push(Number(await readFile(rssFile, 'utf8')) / 1024);
    }
  }
} finally {
  await emulator.stop();
  await rm(scratch, { recursive: true, force: true });
}

const live = { ms: median(results.live.ms), mb: median(results.live.mb) };
const snapshot = { ms: median(results.snapshot.ms), mb: median(results.snapshot.mb) };
const ratio = live.ms / snapshot.ms;
const verdict = (ok) => (ok ? 'met' : 'MISSED');
console.log(
  `audit of ${world} with ${repo}, median of ${ROUNDS} runs each (interleaved), Node ${process.versions.node}`,
);
console.log(
  `live audit      ${live.ms.toFixed(0).padStart(5)} ms  target ≤ ${TARGETS.liveMs} ms  ${verdict(live.ms <= TARGETS.liveMs)}`,
);
console.log(
  `live peak RSS   ${live.mb.toFixed(0).padStart(5)} MB  target ≤ ${TARGETS.liveMb} MB  ${verdict(live.mb <= TARGETS.liveMb)}`,
);
console.log(
  `snapshot audit  ${snapshot.ms.toFixed(0).padStart(5)} ms  target ≤ ${TARGETS.snapshotMs} ms  ${verdict(snapshot.ms <= TARGETS.snapshotMs)}  (peak RSS ${snapshot.mb.toFixed(0)} MB)`,
);
console.log(
  `live / snapshot ${ratio.toFixed(2).padStart(5)} ×   target ≤ ${TARGETS.ratio} ×    ${verdict(ratio <= TARGETS.ratio)}`,
);
