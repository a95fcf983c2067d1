import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { CHROMIUM, missingToolOutcome, TERRAFORM, toolsRequired, XMLLINT } from '../helpers/system-tools.js';
import { scratchDir } from '../helpers/scratch.js';

/** The suite's own runner on the fixture that needs a tool no machine has, in a given environment. */
function runFixture(env: NodeJS.ProcessEnv) {
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/fixtures/system-tools/vitest.config.ts'],
    { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env }, encoding: 'utf8' },
  );
  return { code: run.status, output: run.stdout + run.stderr, lastLine: run.stdout.trimEnd().split('\n').at(-1) };
}

describe('tests that need a system tool', () => {
  it('are skipped out loud on a machine without it: the run passes and ends listing what it skipped', () => {
    const { code, output, lastLine } = runFixture({});
    expect(code, output).toBe(0);
    expect(output).toContain('Skipped for missing system tools: absent-tool (apt-get install absent-tool): 1 test\n');
    expect(lastLine).toBe('1 passed, 0 failed, 1 skipped');
  }, 60_000);

  it.each([{ CI: 'true' }, { GTP_TEST_REQUIRE_TOOLS: '1' }])(
    'fail naming the tool where every tool is required (%o)',
    (env) => {
      const { code, output, lastLine } = runFixture(env);
      expect(code, output).toBe(1);
      expect(output).toContain(
        'absent-tool is not installed, and CI runs every test: install it (apt-get install absent-tool)',
      );
      expect(lastLine).toBe('1 passed, 1 failed, 0 skipped');
    },
    60_000,
  );

  it('CI=false or an empty CI requires nothing; an optional tool (no registry has it) is skipped even in CI', () => {
    expect(toolsRequired({ CI: 'false' })).toBe(false);
    expect(toolsRequired({ CI: '' })).toBe(false);
    expect(toolsRequired({ CI: '1' })).toBe(true);
    expect(missingToolOutcome(TERRAFORM, { CI: 'true' })).toEqual({
      skip: expect.stringMatching(/^missing system tool: terraform .*\[optional\]$/),
    });
    expect(missingToolOutcome(XMLLINT, { CI: 'true' })).toEqual({ fail: expect.stringContaining('libxml2-utils') });
  });

  it('are not found on a PATH without them; CHROMIUM_PATH names a browser, and must exist', () => {
    const empty = scratchDir('gtp-no-tools-');
    expect(XMLLINT.find({ PATH: empty })).toBeUndefined();
    expect(CHROMIUM.find({ PATH: empty, CHROMIUM_PATH: join(empty, 'chromium') })).toBeUndefined();
    expect(CHROMIUM.find({ PATH: empty, CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  });
});
