// Probes: (1) what judging 10,000 resources costs, as the difference between two offline audits of one probe, over a
// list of 10,000 items and over a list of one; (2) what 50 probes add to a live audit of the seed register against
// the emulator (the hardened world), as a ratio of wall times measured in the same run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulate, median, run } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ITEMS = 10_000;
const EVALUATE_TARGET_MS = 50;
const FIFTY_PROBES_TARGET = 1.2;

const dir = mkdtempSync(join(tmpdir(), 'gtp-bench-probes-'));
const URL = 'https://redis.googleapis.com/v1/projects/{project}/locations/-/instances';
const KEY = 'redis.googleapis.com/v1/projects/acme-prod/locations/-/instances';
const probe = (id, url = URL) =>
  `  - id: ${id}\n    title: HA\n    remediation: STANDARD_HA\n    read:\n      url: ${url}\n      permission: redis.instances.list\n    where: resource.labels.env == "prod"\n    require: has(resource.tier) && resource.tier == "STANDARD_HA"\n`;
const seed = readFileSync('risks.yaml', 'utf8');
/** The seed register with `count` probes, each named by a risk of its own. */
function registerWith(count) {
  if (count === 0) return seed;
  const risks = Array.from(
    { length: count },
    (_, i) =>
      `  - id: bench-${i}\n    table: data\n    category: Data\n    title: Bench ${i}\n    probability: 1\n    impact: 1\n    status: mitigated\n    existing:\n      text: HA\n      checks: [bench.p${i}]\n`,
  ).join('');
  // Ten distinct URLs, five probes each: probes reading one URL share its read, as a real register's would.
  const probes = Array.from({ length: count }, (_, i) =>
    probe(`bench.p${i}`, URL.replace('instances', `instances${i % 10}`)),
  ).join('');
  return seed.replace(/^risks:\n/m, `risks:\n${risks}`) + `probes:\n${probes}`;
}
const item = (i) => ({
  name: `projects/acme-prod/locations/us-central1/instances/i-${i}`,
  tier: 'STANDARD_HA',
  labels: { env: 'prod' },
});

try {
  // (1) One probe, 10,000 items against one.
  const oneProbe = join(dir, 'one.yaml');
  writeFileSync(
    oneProbe,
    `version: 1\ntitle: b\ntables:\n  - id: data\n    title: Data\nrisks:\n  - id: r\n    table: data\n    category: Data\n    title: R\n    probability: 1\n    impact: 1\n    status: mitigated\n    existing:\n      text: HA\n      checks: [bench.p]\nprobes:\n${probe('bench.p')}`,
  );
  const world = (n) => {
    const file = join(dir, `world-${n}.json`);
    writeFileSync(file, JSON.stringify({ [KEY]: Array.from({ length: n }, (_, i) => item(i)) }));
    return file;
  };
  const big = world(ITEMS);
  const small = world(1);
  const audit = (file, register) => [
    'bin/gtp.js',
    'audit',
    '--register',
    register,
    '--snapshot',
    file,
    '--project',
    'acme-prod',
    '-f',
    'json',
  ];
  const times = { big: [], small: [] };
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const [name, file] of [
      ['big', big],
      ['small', small],
    ]) {
      const r = await run(process.execPath, audit(file, oneProbe));
      if (r.code !== 0) throw new Error(`audit of ${name} exited ${r.code}: ${r.stderr}`);
      if (round > 0) times[name].push(r.ms);
    }
  }
  const cost = median(times.big) - median(times.small);
  console.log(
    `probes: ${ITEMS} resources judged in ${cost.toFixed(0)} ms more than 1 (median of ${ROUNDS}; reading the 10,000-item snapshot included) — target ≤ ${EVALUATE_TARGET_MS} ms: ${(cost / EVALUATE_TARGET_MS).toFixed(2)}× of target`,
  );

  // (2) The seed register live, with and without 50 probes.
  const liveWorld = JSON.parse(readFileSync('examples/worlds/hardened.json', 'utf8'));
  for (let u = 0; u < 10; u++)
    liveWorld[KEY.replace('instances', `instances${u}`)] = Array.from({ length: 20 }, (_, i) => item(i));
  const liveFile = join(dir, 'live.json');
  writeFileSync(liveFile, JSON.stringify(liveWorld));
  const registers = { none: join(dir, 'none.yaml'), fifty: join(dir, 'fifty.yaml') };
  writeFileSync(registers.none, registerWith(0));
  writeFileSync(registers.fifty, registerWith(50));
  const emulator = await emulate(['--world', liveFile]);
  const liveTimes = { none: [], fifty: [] };
  try {
    for (let round = 0; round < ROUNDS + 1; round++)
      for (const name of ['none', 'fifty']) {
        const r = await run(
          process.execPath,
          [
            'bin/gtp.js',
            'audit',
            '--register',
            registers[name],
            '--project',
            'acme-prod',
            '--repo',
            'test/fixtures/repos/hardened',
            '-f',
            'json',
          ],
          emulator.env,
        );
        if (r.code === null) throw new Error(`live audit (${name}) did not finish: ${r.stderr}`);
        if (round > 0) liveTimes[name].push(r.ms);
      }
  } finally {
    await emulator.stop();
  }
  const ratio = median(liveTimes.fifty) / median(liveTimes.none);
  console.log(
    `probes: a live audit with 50 probes takes ${ratio.toFixed(2)}× the same audit without (${median(liveTimes.none).toFixed(0)} ms → ${median(liveTimes.fifty).toFixed(0)} ms) — target ≤ ${FIFTY_PROBES_TARGET}×`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
