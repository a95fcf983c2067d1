// Discovery of a synthetic organization (`gtp org projects --organization`) against `gtp emulate` in another
// process: N projects spread over folders three levels deep, every list paged as Resource Manager pages it
// (the emulator's default). Prints wall time, requests and peak RSS per N.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { emulate, median, run } from './lib.mjs';

const SIZES = (process.env.BENCH_ORG_SIZES ?? '100,1000,10000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ORG = 'organizations/111111111111';
const RM = 'cloudresourcemanager.googleapis.com/v3';
const list = (kind, parent) => `${RM}/${kind}?parent=${encodeURIComponent(parent)}`;

/** N projects in 10 folders of 10 folders of 10 folders (1,000 leaves), round-robin, a few at the top. */
function organization(n) {
  const world = { [list('projects', ORG)]: [], [list('folders', ORG)]: [] };
  const leaves = [];
  let next = 300000000000;
  const folder = (parent, depth) => {
    const name = `folders/${next++}`;
    world[list('folders', parent)] ??= [];
    world[list('folders', parent)].push({ name, parent, displayName: `f${depth}`, state: 'ACTIVE' });
    world[list('projects', name)] = [];
    world[list('folders', name)] = [];
    if (depth === 3) leaves.push(name);
    else for (let i = 0; i < 10; i++) folder(name, depth + 1);
  };
  for (let i = 0; i < 10; i++) folder(ORG, 1);
  for (let i = 0; i < n; i++) {
    const parent = i % 50 === 0 ? ORG : leaves[i % leaves.length];
    world[list('projects', parent)].push({
      name: `projects/${100000000000 + i}`,
      projectId: `proj-${String(i).padStart(6, '0')}`,
      parent,
      state: 'ACTIVE',
      labels: { env: i % 3 === 0 ? 'prod' : 'dev' },
    });
  }
  return { world, folders: next - 300000000000 };
}

const scratch = await mkdtemp(join(tmpdir(), 'gtp-bench-org-'));
const rssFile = join(scratch, 'rss');
try {
  console.log(`organization discovery, median of ${ROUNDS} runs each, Node ${process.versions.node}`);
  for (const n of SIZES) {
    const file = join(scratch, `org-${n}.json`);
    const { world, folders } = organization(n);
    await writeFile(file, JSON.stringify(world));
    const emulator = await emulate(['--world', file]);
    const times = [];
    const rss = [];
    let requests = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const before = emulator.requests.length;
        const { ms, code, stderr } = await run(
          process.execPath,
          ['bin/gtp.js', 'org', 'projects', '--organization', '111111111111', '--format', 'json'],
          {
            ...emulator.env,
            NODE_OPTIONS: `--import=${pathToFileURL('bench/peak-rss.mjs').href}`,
            GTP_BENCH_RSS_FILE: rssFile,
          },
        );
        if (code !== 0) throw new Error(`gtp org projects exited ${code}: ${stderr}`);
        times.push(ms);
        rss.push(Number(await readFile(rssFile, 'utf8')) / 1024);
        requests = emulator.requests.slice(before).filter((line) => !line.includes('/computeMetadata/')).length;
      }
    } finally {
      await emulator.stop();
    }
    console.log(
      `${String(n).padStart(6)} projects, ${folders} folders: ${median(times).toFixed(0).padStart(6)} ms, ${requests} requests, peak RSS ${median(rss).toFixed(0)} MB`,
    );
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
