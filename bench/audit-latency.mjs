// Audit of the reference world with 200 ms of latency on every response against none, in the same run: the
// difference shows how many round trips are sequential. Also counts requests per path.
import { emulate, median, run } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LATENCY = 200;
const world = 'examples/worlds/reference-stack.json';

async function measure(latency) {
  const emulator = await emulate(['--world', world, '--latency', String(latency)]);
  const times = [];
  let perRun = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    const before = emulator.requests.length;
    const { ms, code, stderr } = await run(
      process.execPath,
      ['bin/gtp.js', 'audit', '--project', 'acme-prod', '--repo', 'examples/demo-repo', '--format', 'json'],
      emulator.env,
    );
    if (code !== 0) throw new Error(`audit exited ${code}: ${stderr}`);
    if (round > 0) times.push(ms);
    perRun = emulator.requests.slice(before);
  }
  await emulator.stop();
  return { ms: median(times), requests: perRun };
}

const fast = await measure(0);
const slow = await measure(LATENCY);
const api = slow.requests.filter((line) => !line.includes('/computeMetadata/'));
const paths = api.map((line) => line.split(' ')[1]);
const repeated = paths.filter((p, i) => paths.indexOf(p) !== i);
const difference = slow.ms - fast.ms;
console.log(`audit of ${world}, median of ${ROUNDS} runs each`);
console.log(`latency 0 ms:   ${fast.ms.toFixed(0)} ms`);
console.log(`latency ${LATENCY} ms: ${slow.ms.toFixed(0)} ms`);
console.log(
  `difference:     ${difference.toFixed(0)} ms = ${(difference / LATENCY).toFixed(2)} × ${LATENCY} ms  (target ≤ 4 × ${LATENCY} ms: ${difference <= 4 * LATENCY ? 'met' : 'MISSED'})`,
);
// Artifact Registry and Cloud Deploy share …/locations: two APIs, one path, one request each.
console.log(
  `requests per audit: ${api.length} API + ${slow.requests.length - api.length} metadata (token); requests repeated: ${repeated.length === 0 ? 'none' : repeated.join(', ')}`,
);
