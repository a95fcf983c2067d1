import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { InputError } from '../util/errors.js';
import { loadSqlite } from './sqlite.js';

/**
 * The schema, one migration per version. A store is moved forward when opened; a store a newer gtp wrote (a
 * higher user_version) is refused, never read with a schema it does not know.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE runs (
     id INTEGER PRIMARY KEY,
     recorded_at TEXT NOT NULL,
     as_of TEXT NOT NULL,
     scope TEXT NOT NULL,
     project TEXT NOT NULL,
     source TEXT NOT NULL,
     register_digest TEXT NOT NULL,
     gtp_version TEXT NOT NULL,
     gate TEXT NOT NULL,
     result TEXT NOT NULL
   );
   CREATE INDEX runs_by_scope ON runs (scope, as_of);
   CREATE TABLE risk_results (
     run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     risk_id TEXT NOT NULL,
     status TEXT NOT NULL,
     declared_status TEXT NOT NULL,
     drift INTEGER NOT NULL,
     inherent_score REAL NOT NULL,
     residual_score REAL NOT NULL,
     PRIMARY KEY (run_id, risk_id)
   );
   CREATE TABLE check_results (
     run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     check_id TEXT NOT NULL,
     outcome TEXT NOT NULL,
     failing TEXT NOT NULL,
     PRIMARY KEY (run_id, check_id)
   );`,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

export interface Store {
  db: DatabaseSync;
  file: string;
  close(): void;
}

/**
 * Opens (creating it when absent) the SQLite store at `file`. Writers wait for each other (busy_timeout) instead of
 * failing: two CI jobs recording at once both land. A file that is not a gtp store is bad input, named.
 */
export async function openStore(file: string): Promise<Store> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file))
    throw new InputError(
      `${file}: gtp keeps history in a SQLite file (for example .gtp/history.sqlite); other stores are not supported`,
    );
  const { DatabaseSync } = await loadSqlite();
  mkdirSync(dirname(file), { recursive: true });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file);
    db.exec('PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;');
  } catch (error) {
    throw new InputError(`${file}: not a history store gtp can open: ${(error as Error).message}`);
  }
  try {
    migrate(db, file);
  } catch (error) {
    db.close();
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: not a gtp history store: ${(error as Error).message}`);
  }
  return { db, file, close: () => db.close() };
}

function migrate(db: DatabaseSync, file: string): void {
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version > SCHEMA_VERSION)
    throw new InputError(
      `${file}: written by a newer gtp (history schema ${version}; this gtp reads up to ${SCHEMA_VERSION}): upgrade gtp to read it`,
    );
  if (version === SCHEMA_VERSION) return;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
  if (version === 0 && tables.n > 0) throw new InputError(`${file}: a SQLite file that is not a gtp history store`);
  // Each step in one transaction with its version: a store is never left between two schemas.
  for (let step = version; step < SCHEMA_VERSION; step++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const again = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
      if (again === step) {
        db.exec(MIGRATIONS[step]!);
        db.exec(`PRAGMA user_version = ${step + 1}`);
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
