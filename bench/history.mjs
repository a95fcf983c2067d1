// The history store: (1) recording a 1,000-project organization audit into SQLite and into PostgreSQL (a local
// server); (2) a year of daily audits of 1,000 projects (365,000 project-runs) recorded into SQLite, then one
// risk's timeline read back, through the library and through `gtp history`; the store's size after that year.
// The store's own modules are bundled from src/ for the bench, so what is timed is gtp's code, not a copy of it.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { median, run } from './lib.mjs';

const PROJECTS = Number(process.env.BENCH_HISTORY_PROJECTS ?? 1000);
const DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 365);
const RECORD_SQLITE_TARGET_S = 2;
const RECORD_POSTGRES_TARGET_S = 3;
const TIMELINE_TARGET_S = 1;
const SIZE_TARGET_BYTES = 1024 ** 3;

const dir = mkdtempSync(join(tmpdir(), 'gtp-bench-history-'));
// Inside the repository, so that the bundle finds the packages it leaves outside (pg) in node_modules.
mkdirSync('.cache', { recursive: true });
const bundleDir = mkdtempSync(join('.cache', 'bench-history-'));
const bundle = join(process.cwd(), bundleDir, 'history.mjs');
await build({
  stdin: {
    contents: [
      "export { openStore } from './src/history/open.ts';",
      "export { historyFrom } from './src/history/audit.ts';",
      "export { startThrowawayPostgres } from './src/emulator/postgres/server.ts';",
      "export { postgresBin } from './src/emulator/postgres/bin.ts';",
    ].join('\n'),
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: bundle,
  logLevel: 'error',
});
const { openStore, historyFrom, startThrowawayPostgres, postgresBin } = await import(pathToFileURL(bundle).href);

// The seed register's shape: 18 risks, 34 checks, with ids as long as its own.
const RISKS = Array.from({ length: 18 }, (_, i) => `risk-${String(i).padStart(2, '0')}-of-the-register`);
const CHECKS = Array.from({ length: 34 }, (_, i) => `service.check-number-${String(i).padStart(2, '0')}`);
const DAY_MS = 86_400_000;
const START = Date.parse('2025-12-01T06:00:00.000Z');

/**
 * One day's organization audit. Each project drifts on a risk for a few days now and then (a pattern fixed by the
 * project's and the day's numbers), so timelines have episodes to find, as a real year would.
 */
function dailyAudit(day) {
  const at = new Date(START + day * DAY_MS).toISOString();
  const projects = Array.from({ length: PROJECTS }, (_, p) => {
    const bad = (p * 7 + Math.floor(day / 5)) % 23 === 0;
    return {
      project: `acme-team-${String(p).padStart(4, '0')}-prod`,
      gate: bad ? 'failed' : 'passed',
      risks: RISKS.map((id, r) => ({
        id,
        status: bad && r === p % 18 ? 'unmitigated' : 'mitigated',
        declaredStatus: null,
        drift: bad && r === p % 18,
        inherentScore: null,
        residualScore: bad && r === p % 18 ? 12 : 3,
      })),
      checks: CHECKS.map((id, c) => ({
        id,
        outcome: bad && c === p % 34 ? 'fail' : c % 9 === 0 ? 'not-applicable' : 'pass',
        failingCount: bad && c === p % 34 ? 1 : 0,
        failing: null,
      })),
    };
  });
  return {
    recordedAt: at,
    asOf: at,
    scope: 'organizations/111111111111',
    source: 'live',
    registerDigest: 'ab'.repeat(32),
    gtpVersion: 'bench',
    gate: projects.some((p) => p.gate === 'failed') ? 'failed' : 'passed',
    projects,
  };
}

async function timed(work) {
  const started = performance.now();
  const value = await work();
  return { value, s: (performance.now() - started) / 1000 };
}

const ratio = (value, target) => `${(value / target).toFixed(2)}× its target`;

try {
  // (1) One organization audit, recorded five times into a fresh store each; the median.
  const sqliteTimes = [];
  for (let i = 0; i < 5; i++) {
    const store = await openStore(join(dir, `one-${i}.sqlite`));
    sqliteTimes.push((await timed(() => store.record(dailyAudit(i)))).s);
    await store.close();
  }
  const sqliteRecord = median(sqliteTimes);
  console.log(
    `history: recording a ${PROJECTS}-project organization audit into SQLite: ${sqliteRecord.toFixed(2)} s — target ≤ ${RECORD_SQLITE_TARGET_S} s (${ratio(sqliteRecord, RECORD_SQLITE_TARGET_S)})`,
  );
  let havePostgres = true;
  try {
    postgresBin('initdb');
  } catch {
    havePostgres = false;
  }
  if (havePostgres) {
    const server = await startThrowawayPostgres();
    try {
      const url = `postgres://postgres:${server.password}@127.0.0.1:${server.port}/postgres`;
      const store = await openStore(url);
      const times = [];
      for (let i = 0; i < 5; i++) times.push((await timed(() => store.record(dailyAudit(i)))).s);
      await store.close();
      const pgRecord = median(times);
      console.log(
        `history: recording a ${PROJECTS}-project organization audit into PostgreSQL (local server): ${pgRecord.toFixed(2)} s — target ≤ ${RECORD_POSTGRES_TARGET_S} s (${ratio(pgRecord, RECORD_POSTGRES_TARGET_S)})`,
      );
    } finally {
      await server.stop();
    }
  } else console.log('history: PostgreSQL is not installed here: its recording was not measured');

  // (2) A year of daily audits.
  const yearFile = join(dir, 'year.sqlite');
  const year = await openStore(yearFile);
  const generated = await timed(async () => {
    for (let day = 0; day < DAYS; day++) await year.record(dailyAudit(day));
  });
  const risk = RISKS[4];
  const timelines = [];
  let report;
  for (let i = 0; i < 3; i++) {
    const t = await timed(() => historyFrom(year, { risk }));
    timelines.push(t.s);
    report = t.value;
  }
  await year.close();
  const timeline = median(timelines);
  const episodes = report.risks.reduce((n, r) => n + r.drift.length, 0);
  console.log(
    `history: ${DAYS} daily audits of ${PROJECTS} projects (${DAYS * PROJECTS} project-runs) recorded in ${generated.s.toFixed(0)} s`,
  );
  console.log(
    `history: one risk's timeline over that year (${report.runs} runs, ${episodes} drift episodes): ${timeline.toFixed(2)} s — target ≤ ${TIMELINE_TARGET_S} s (${ratio(timeline, TIMELINE_TARGET_S)})`,
  );
  const cli = [];
  for (let i = 0; i < 3; i++) {
    const r = await run(process.execPath, [
      'bin/gtp.js',
      'history',
      '--store',
      yearFile,
      '--risk',
      risk,
      '--format',
      'json',
      '--output',
      join(dir, 'timeline.json'),
    ]);
    if (r.code !== 0) throw new Error(`gtp history failed: ${r.stderr}`);
    cli.push(r.ms / 1000);
  }
  const cliTimeline = median(cli);
  console.log(
    `history: the same through \`gtp history --risk\` (a new process): ${cliTimeline.toFixed(2)} s — target ≤ ${TIMELINE_TARGET_S} s (${ratio(cliTimeline, TIMELINE_TARGET_S)})`,
  );
  const size = statSync(yearFile).size;
  console.log(
    `history: the store after that year: ${(size / 1024 ** 2).toFixed(0)} MB (${(size / (DAYS * PROJECTS)).toFixed(0)} bytes a project-run) — target ≤ 1 GB (${ratio(size, SIZE_TARGET_BYTES)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
}
