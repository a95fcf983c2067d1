import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * A PostgreSQL program (initdb, postgres, pg_dump, pg_restore): from PATH, or from Debian's versioned
 * directory (/usr/lib/postgresql/<major>/bin), which Debian's packages do not put on PATH.
 */
export function postgresBin(
  program: string,
  env: NodeJS.ProcessEnv = process.env,
  debianRoot = '/usr/lib/postgresql',
): string {
  const debian = (() => {
    try {
      return readdirSync(debianRoot)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(debianRoot, v, 'bin'));
    } catch {
      return [];
    }
  })();
  for (const dir of [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...debian]) {
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(
    `${program} not found on PATH or in /usr/lib/postgresql/*/bin: install PostgreSQL (Debian: apt-get install postgresql)`,
  );
}
