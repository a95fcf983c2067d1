import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeEach, type TestContext } from 'vitest';
import { postgresBin } from '../../src/emulator/postgres/bin.js';
import { MISSING_TOOL } from './missing-tool-note.js';

/**
 * Programs some tests drive that are not npm packages: each test that needs one finds it on this machine or is
 * skipped, saying which program is missing and how to install it. CI (CI=true, or GTP_TEST_REQUIRE_TOOLS=1)
 * installs them all (.ci/run), so there a missing program fails the test instead: a skip can never hide a
 * regression in CI.
 */
export interface SystemTool {
  /** What the skip note and the summary line call it. */
  name: string;
  /** How to install it, for the skip note and the README. */
  install: string;
  /** Where it is on this machine, or undefined. */
  find(env: NodeJS.ProcessEnv): string | undefined;
  /**
   * A tool that no package registry this project reaches provides: its tests are skipped wherever it is missing,
   * CI included, and the summary says so.
   */
  optional?: boolean;
}

/** An executable on PATH (or among `extra` absolute paths), first found first. */
export function onPath(names: string[], env: NodeJS.ProcessEnv, extra: string[] = []): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const candidates = [...names.flatMap((name) => dirs.map((dir) => join(dir, name))), ...extra];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export const CHROMIUM: SystemTool = {
  name: 'chromium',
  install: 'Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium; or set CHROMIUM_PATH',
  find: (env) => {
    if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
    return onPath(['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'], env, [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ]);
  },
};

export const XMLLINT: SystemTool = {
  name: 'xmllint',
  install: 'Debian/Ubuntu: apt-get install libxml2-utils; macOS: ships with the system (or brew install libxml2)',
  find: (env) => onPath(['xmllint'], env),
};

/** The four programs a throwaway PostgreSQL server and a drill use; found as the drill itself finds them. */
export const POSTGRESQL: SystemTool = {
  name: 'postgresql',
  install: 'Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql',
  find: (env) => {
    try {
      return ['initdb', 'postgres', 'pg_dump', 'pg_restore'].map((program) => postgresBin(program, env))[0];
    } catch {
      return undefined;
    }
  },
};

/** util-linux's script(1), which gives a command a pseudo-terminal; BSD's script (macOS) takes other options. */
export const SCRIPT: SystemTool = {
  name: 'script (util-linux)',
  install:
    'Debian/Ubuntu: apt-get install bsdutils (util-linux); macOS: brew install util-linux and put it first on PATH',
  find: (env) => {
    const path = onPath(['script'], env);
    if (!path) return undefined;
    return spawnSync(path, ['-qec', 'true', '/dev/null'], { env, stdio: 'ignore' }).status === 0 ? path : undefined;
  },
};

export const TERRAFORM: SystemTool = {
  name: 'terraform',
  install: "HashiCorp's releases; no Debian or npm package provides it",
  find: (env) => {
    const path = onPath(['terraform'], env);
    return path && spawnSync(path, ['version'], { env, stdio: 'ignore' }).status === 0 ? path : undefined;
  },
  optional: true,
};

/** Whether a missing tool fails the test instead of skipping it. */
export function toolsRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GTP_TEST_REQUIRE_TOOLS === '1' || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false');
}

/** What a test that needs `tool` does where it is missing: skip with a note, or (in CI) fail naming it. */
export function missingToolOutcome(
  tool: SystemTool,
  env: NodeJS.ProcessEnv = process.env,
): { skip: string } | { fail: string } {
  const what = `${tool.name} (${tool.install})`;
  if (toolsRequired(env) && !tool.optional) {
    return { fail: `${tool.name} is not installed, and CI runs every test: install it (${tool.install})` };
  }
  return { skip: `${MISSING_TOOL}${what}${tool.optional ? ' [optional]' : ''}` };
}

/**
 * Declares that the tests of the enclosing describe block (or file) need these tools, and says where each is. A
 * beforeAll that starts one must return early where `ready` is false: the tests are then skipped (or, in CI,
 * failed) before they run.
 */
export function needs(...tools: SystemTool[]): { ready: boolean; path(tool: SystemTool): string } {
  const found = new Map(tools.map((tool) => [tool, tool.find(process.env)]));
  beforeEach((context: TestContext) => {
    for (const [tool, path] of found) {
      if (path !== undefined) continue;
      const outcome = missingToolOutcome(tool);
      if ('fail' in outcome) throw new Error(outcome.fail);
      context.skip(outcome.skip);
    }
  });
  return {
    ready: [...found.values()].every((path) => path !== undefined),
    path(tool) {
      const path = found.get(tool);
      if (path === undefined) throw new Error(`${tool.name} was not declared with needs(), or is missing`);
      return path;
    },
  };
}
