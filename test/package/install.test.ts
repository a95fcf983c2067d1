import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { scratchDir } from '../helpers/scratch.js';

const run = promisify(execFile);
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
};

/**
 * The package as npm publishes it: `npm pack` (of the build `npm test` made), installed globally into an empty
 * prefix with its dependencies only (npm's cache first, as CI filled it), then run from that prefix alone, outside
 * the repository.
 */
describe('the published package', () => {
  it('installs into an empty prefix and runs with no development dependency and no build step', async () => {
    const work = scratchDir('gtp-pack-');
    // --ignore-scripts: no rebuild of dist/ under the other tests' feet; the tarball holds the build as it is.
    const packed = JSON.parse(
      (await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT })).stdout,
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('bin/gtp.js');
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
    const prefix = join(work, 'prefix');
    const env = {
      ...process.env,
      // The Node that runs the tests runs the installed command.
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      NO_COLOR: '1',
      METADATA_SERVER_DETECTION: 'none',
    };
    await run(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        join(work, packed[0]!.filename),
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--ignore-scripts',
      ],
      { cwd: work, env, maxBuffer: 16 * 1024 * 1024 },
    );
    const installed = join(prefix, 'lib', 'node_modules', manifest.name);
    // The build and test tools stay out (type packages may come in as a runtime dependency's own dependency).
    for (const dev of Object.keys(manifest.devDependencies).filter((d) => !d.startsWith('@types/')))
      expect(existsSync(join(installed, 'node_modules', dev)), dev).toBe(false);
    const gtp = join(prefix, 'bin', 'gtp');
    expect((await run(gtp, ['--version'], { cwd: work, env })).stdout.trim()).toBe(manifest.version);
    const demo = await run(gtp, ['audit', '--demo', '--format', 'json'], {
      cwd: work,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(demo.stdout) as { project: string; summary: { drift: number } };
    expect(report.project).toBe('acme-prod');
    expect(report.summary.drift).toBe(0);
  }, 240_000);
});
