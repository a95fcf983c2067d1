// The repository checks on a monorepo of 50,000 files (2,000 packages, each with its manifest, sources, a
// Dockerfile and a vendored node_modules tree the walk must skip, and 20 workflows with a composite action), as one
// offline `gtp audit`; against the same audit of an empty directory, in the same run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, run } from './lib.mjs';

const PACKAGES = Number(process.env.BENCH_REPO_PACKAGES ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MS = 2000;

const root = mkdtempSync(join(tmpdir(), 'gtp-bench-monorepo-'));
const empty = mkdtempSync(join(tmpdir(), 'gtp-bench-empty-'));
let files = 0;
const write = (path, text) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
  files++;
};
try {
  for (let p = 0; p < PACKAGES; p++) {
    const dir = `packages/team-${p % 40}/pkg-${p}`;
    write(`${dir}/package.json`, `{"name":"pkg-${p}"}\n`);
    write(`${dir}/Dockerfile`, 'FROM node:22\n');
    for (let f = 0; f < 18; f++) write(`${dir}/src/module-${f}.ts`, `export const x${f} = ${f};\n`);
    // Vendored trees are skipped whole: they count toward the files on disk, not toward what is read.
    for (let f = 0; f < 5; f++) write(`${dir}/node_modules/dep-${f}/index.js`, 'module.exports = 1;\n');
  }
  for (let w = 0; w < 20; w++)
    write(
      `.github/workflows/ci-${w}.yml`,
      `on:\n  pull_request:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./.github/actions/setup\n      - run: npm ci && npm test\n`,
    );
  write(
    '.github/actions/setup/action.yml',
    'runs:\n  using: composite\n  steps:\n    - run: gitleaks detect --source .\n      shell: bash\n',
  );
  write(
    '.github/dependabot.yml',
    'version: 2\nupdates:\n  - package-ecosystem: npm\n    directories: ["/packages/**"]\n  - package-ecosystem: docker\n    directories: ["/packages/**"]\n',
  );

  const audit = (dir) => [
    process.execPath,
    [
      'bin/gtp.js',
      'audit',
      '--snapshot',
      'examples/worlds/bare.json',
      '--project',
      'acme-prod',
      '--repo',
      dir,
      '--format',
      'json',
    ],
  ];
  const times = { monorepo: [], empty: [] };
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const [name, dir] of [
      ['monorepo', root],
      ['empty', empty],
    ]) {
      const [command, args] = audit(dir);
      const { ms, code, stderr } = await run(command, args, { METADATA_SERVER_DETECTION: 'none' });
      if (code !== 0 && code !== 1 && code !== 3) throw new Error(`audit of ${name} exited ${code}: ${stderr}`);
      if (round > 0) times[name].push(ms);
    }
  }
  const mono = median(times.monorepo);
  const base = median(times.empty);
  console.log(`repository scan: ${files} files on disk (${PACKAGES} packages), median of ${ROUNDS} offline audits`);
  console.log(
    `audit of the monorepo   ${mono.toFixed(0).padStart(6)} ms  ${(mono / TARGET_MS).toFixed(2)} of the ≤ ${TARGET_MS} ms target  ${mono <= TARGET_MS ? 'met' : 'MISSED'}`,
  );
  console.log(
    `audit of an empty dir   ${base.toFixed(0).padStart(6)} ms  (the scan adds ${(mono - base).toFixed(0)} ms, ${(mono / base).toFixed(2)}×)`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
}
