import { InputError } from '../util/errors.js';
import { redactUrl, type HistoryStore } from './store.js';

/** A PostgreSQL connection URL (`postgres://` or `postgresql://`), as libpq and node-postgres take it. */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/**
 * Opens the store `target` names: a PostgreSQL URL, or else a SQLite file (created when absent). Any other URL is
 * bad input: a store gtp cannot keep is said before the audit, never after it.
 */
export async function openStore(target: string): Promise<HistoryStore> {
  if (isPostgresUrl(target)) {
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore(target);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target))
    throw new InputError(
      `${redactUrl(target)}: a history store is a SQLite file (for example .gtp/history.sqlite) or a postgres:// URL`,
    );
  const { openSqliteStore } = await import('./sqlite-store.js');
  return openSqliteStore(target);
}
