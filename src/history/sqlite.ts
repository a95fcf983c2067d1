import { InputError } from '../util/errors.js';

type Sqlite = typeof import('node:sqlite');

/**
 * Node's built-in SQLite (node:sqlite): no native module to build, and the same library on every machine gtp runs
 * on. On Node 22 it announces itself as experimental on stderr; that one warning is not gtp's to print, and every
 * other warning still is.
 */
export async function loadSqlite(): Promise<Sqlite> {
  const emit = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/SQLite is an experimental feature/.test(text)) return;
    (emit as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return await import('node:sqlite');
  } catch (error) {
    throw new InputError(
      `the history store needs Node.js's node:sqlite, which this Node.js lacks: ${(error as Error).message}`,
    );
  }
}
