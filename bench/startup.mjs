// Start-up cost of commands that call no cloud API, as ratios to a bare `node -e 0` measured in the same run.
import { median, run } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'gtp --help': [process.execPath, ['bin/gtp.js', '--help']],
  'gtp report': [process.execPath, ['bin/gtp.js', 'report']],
  'gtp validate': [process.execPath, ['bin/gtp.js', 'validate']],
};
const targets = { 'gtp --help': 1.8, 'gtp report': 4.0 };

const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let round = 0; round < ROUNDS + 1; round++) {
  // Interleaved so that machine noise falls on every command alike; the first round only warms the disk cache.
  for (const [name, [command, args]] of Object.entries(commands)) {
    const { ms, code } = await run(command, args, { METADATA_SERVER_DETECTION: 'none' });
    if (code !== 0) throw new Error(`${name} exited ${code}`);
    if (round > 0) times[name].push(ms);
  }
}
const baseline = median(times['node -e 0']);
console.log(`start-up, median of ${ROUNDS} runs each (interleaved)`);
for (const name of Object.keys(commands)) {
  const ms = median(times[name]);
  const ratio = ms / baseline;
  const target = targets[name] ? `  target ≤ ${targets[name]}×  ${ratio <= targets[name] ? 'met' : 'MISSED'}` : '';
  console.log(`${name.padEnd(14)} ${ms.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}× node -e 0${target}`);
}
