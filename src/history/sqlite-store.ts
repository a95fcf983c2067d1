import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { InputError } from '../util/errors.js';
import type { AuditRecord, ExportRows, HistoryFilter } from './model.js';
import { loadSqlite } from './sqlite.js';
import { exportRowsOf, type StoredCheck, type StoredRisk, type StoredRun } from './export-rows.js';
import type { HistoryRows, HistoryStore, RecentRun } from './store.js';

/**
 * The embedded store's schema, one migration per version. Ids, statuses and outcomes are kept once in `names` and
 * referred to by number, and the result tables are keyed by (risk or check, run) without a rowid: a year of daily
 * audits of a thousand projects stays well under a gigabyte, and one risk's history is one range of its table.
 */
const MIGRATIONS: readonly string[] = [
  // 1: the first store (one row per project audit, with the whole report).
  `CREATE TABLE runs (
     id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, as_of TEXT NOT NULL, scope TEXT NOT NULL,
     project TEXT NOT NULL, source TEXT NOT NULL, register_digest TEXT NOT NULL, gtp_version TEXT NOT NULL,
     gate TEXT NOT NULL, result TEXT NOT NULL
   );
   CREATE INDEX runs_by_scope ON runs (scope, as_of);
   CREATE TABLE risk_results (
     run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, risk_id TEXT NOT NULL, status TEXT NOT NULL,
     declared_status TEXT NOT NULL, drift INTEGER NOT NULL, inherent_score REAL NOT NULL,
     residual_score REAL NOT NULL, PRIMARY KEY (run_id, risk_id)
   );
   CREATE TABLE check_results (
     run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, check_id TEXT NOT NULL,
     outcome TEXT NOT NULL, failing TEXT NOT NULL, PRIMARY KEY (run_id, check_id)
   );`,
  // 2: audits of many projects; names kept once; the whole report no longer kept (a baseline is read from the rows).
  `ALTER TABLE runs RENAME TO runs_v1;
   ALTER TABLE risk_results RENAME TO risk_results_v1;
   ALTER TABLE check_results RENAME TO check_results_v1;
   DROP INDEX runs_by_scope;
   CREATE TABLE names (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
   CREATE TABLE audits (
     id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, as_of TEXT NOT NULL, scope TEXT NOT NULL,
     source TEXT NOT NULL, register_digest TEXT NOT NULL, gtp_version TEXT NOT NULL, gate TEXT NOT NULL
   );
   CREATE INDEX audits_by_time ON audits (as_of);
   CREATE TABLE runs (
     id INTEGER PRIMARY KEY, audit_id INTEGER NOT NULL, project INTEGER NOT NULL, gate INTEGER NOT NULL
   );
   CREATE INDEX runs_by_project ON runs (project, audit_id);
   CREATE INDEX runs_by_audit ON runs (audit_id);
   CREATE TABLE risk_results (
     risk INTEGER NOT NULL, run_id INTEGER NOT NULL, status INTEGER NOT NULL, declared_status INTEGER,
     drift INTEGER NOT NULL, inherent_score REAL, residual_score REAL NOT NULL, PRIMARY KEY (risk, run_id)
   ) WITHOUT ROWID;
   CREATE TABLE check_results (
     "check" INTEGER NOT NULL, run_id INTEGER NOT NULL, outcome INTEGER NOT NULL, failing_count INTEGER NOT NULL,
     failing TEXT, PRIMARY KEY ("check", run_id)
   ) WITHOUT ROWID;
   CREATE INDEX risk_results_by_run ON risk_results (run_id);
   CREATE INDEX check_results_by_run ON check_results (run_id);
   INSERT OR IGNORE INTO names (text)
     SELECT project FROM runs_v1 UNION SELECT gate FROM runs_v1
     UNION SELECT risk_id FROM risk_results_v1 UNION SELECT status FROM risk_results_v1
     UNION SELECT declared_status FROM risk_results_v1
     UNION SELECT check_id FROM check_results_v1 UNION SELECT outcome FROM check_results_v1;
   INSERT INTO audits (id, recorded_at, as_of, scope, source, register_digest, gtp_version, gate)
     SELECT id, recorded_at, as_of, scope, source, register_digest, gtp_version, gate FROM runs_v1;
   INSERT INTO runs (id, audit_id, project, gate)
     SELECT id, id, (SELECT id FROM names WHERE text = project), (SELECT id FROM names WHERE text = gate) FROM runs_v1;
   INSERT INTO risk_results
     SELECT (SELECT id FROM names WHERE text = risk_id), run_id, (SELECT id FROM names WHERE text = status),
            (SELECT id FROM names WHERE text = declared_status), drift, inherent_score, residual_score
     FROM risk_results_v1;
   INSERT INTO check_results
     SELECT (SELECT id FROM names WHERE text = check_id), run_id, (SELECT id FROM names WHERE text = outcome),
            json_array_length(failing), failing
     FROM check_results_v1;
   DROP TABLE risk_results_v1;
   DROP TABLE check_results_v1;
   DROP TABLE runs_v1;`,
];
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens (creating it when absent) the SQLite store at `file`. Writers wait for each other (busy_timeout) instead of
 * failing: two CI jobs recording at once both land. A file that is not a gtp store is bad input, named.
 */
export async function openSqliteStore(file: string): Promise<HistoryStore> {
  const { DatabaseSync } = await loadSqlite();
  mkdirSync(dirname(file), { recursive: true });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file);
    db.exec('PRAGMA busy_timeout = 30000;');
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
  return new SqliteStore(db, file);
}

function migrate(db: DatabaseSync, file: string): void {
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version > SQLITE_SCHEMA_VERSION)
    throw new InputError(
      `${file}: written by a newer gtp (history schema ${version}; this gtp reads up to ${SQLITE_SCHEMA_VERSION}): upgrade gtp to read it`,
    );
  if (version === SQLITE_SCHEMA_VERSION) return;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
  if (version === 0 && tables.n > 0) throw new InputError(`${file}: a SQLite file that is not a gtp history store`);
  // Each step in one transaction with its version: a store is never left between two schemas.
  for (let step = version; step < SQLITE_SCHEMA_VERSION; step++)
    immediate(db, () => {
      const again = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
      if (again === step) {
        db.exec(MIGRATIONS[step]!);
        db.exec(`PRAGMA user_version = ${step + 1}`);
      }
    });
}

/**
 * Runs `work` in one write transaction, taken at its start (BEGIN IMMEDIATE): whole or not at all, and a second
 * writer waits for it (busy_timeout) instead of failing half way.
 */
function immediate<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const value = work();
    db.exec('COMMIT');
    return value;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

class SqliteStore implements HistoryStore {
  constructor(
    private readonly db: DatabaseSync,
    readonly location: string,
  ) {}

  async record(audit: AuditRecord): Promise<number> {
    return immediate(this.db, () => this.insert(audit));
  }

  private insert(audit: AuditRecord): number {
    const { db } = this;
    const ids = new Map<string, number>();
    const addName = db.prepare('INSERT OR IGNORE INTO names (text) VALUES (?)');
    const findName = db.prepare('SELECT id FROM names WHERE text = ?');
    const name = (text: string): number => {
      let id = ids.get(text);
      if (id === undefined) {
        addName.run(text);
        id = (findName.get(text) as { id: number }).id;
        ids.set(text, id);
      }
      return id;
    };
    const auditId = Number(
      db
        .prepare(
          `INSERT INTO audits (recorded_at, as_of, scope, source, register_digest, gtp_version, gate)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          audit.recordedAt,
          audit.asOf,
          audit.scope,
          audit.source,
          audit.registerDigest,
          audit.gtpVersion,
          audit.gate,
        ).lastInsertRowid,
    );
    const run = db.prepare('INSERT INTO runs (audit_id, project, gate) VALUES (?, ?, ?)');
    const risk = db.prepare('INSERT INTO risk_results VALUES (?, ?, ?, ?, ?, ?, ?)');
    const check = db.prepare('INSERT INTO check_results VALUES (?, ?, ?, ?, ?)');
    for (const p of audit.projects) {
      const runId = Number(run.run(auditId, name(p.project), name(p.gate)).lastInsertRowid);
      for (const r of p.risks)
        risk.run(
          name(r.id),
          runId,
          name(r.status),
          r.declaredStatus === null ? null : name(r.declaredStatus),
          r.drift ? 1 : 0,
          r.inherentScore,
          r.residualScore,
        );
      for (const c of p.checks)
        check.run(name(c.id), runId, name(c.outcome), c.failingCount, c.failing ? JSON.stringify(c.failing) : null);
    }
    return auditId;
  }

  private names(): Map<number, string> {
    const rows = this.db.prepare('SELECT id, text FROM names').all() as { id: number; text: string }[];
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  private nameId(text: string): number | undefined {
    return (this.db.prepare('SELECT id FROM names WHERE text = ?').get(text) as { id: number } | undefined)?.id;
  }

  /**
   * Rows as arrays, in the order the query names its columns: a year of a thousand projects is hundreds of
   * thousands of rows, and an object per row is most of the time spent reading them.
   */
  private rows(sql: string, ...args: (string | number)[]): unknown[][] {
    const statement = this.db.prepare(sql);
    if (typeof statement.setReturnArrays === 'function') {
      statement.setReturnArrays(true);
      return statement.all(...args) as unknown as unknown[][];
    }
    return statement.all(...args).map((row) => Object.values(row));
  }

  async read(filter: HistoryFilter): Promise<HistoryRows> {
    const names = this.names();
    const projectId = filter.project === undefined ? undefined : this.nameId(filter.project);
    const riskId = filter.risk === undefined ? undefined : this.nameId(filter.risk);
    if (
      (filter.project !== undefined && projectId === undefined) ||
      (filter.risk !== undefined && riskId === undefined)
    )
      return { runs: [], risks: [], checks: [] };
    // The audits are few (one a day): their instants are read once and joined here.
    const asOf = new Map(
      this.rows(
        `SELECT id, as_of FROM audits ${filter.since ? 'WHERE as_of >= ?' : ''}`,
        ...(filter.since ? [filter.since] : []),
      ).map(([id, at]) => [id as number, at as string]),
    );
    const runs: HistoryRows['runs'] = [];
    const risks: HistoryRows['risks'] = [];
    const checks: HistoryRows['checks'] = [];
    const project = projectId !== undefined ? 'AND r.project = ?' : '';
    const projectArg = projectId !== undefined ? [projectId] : [];
    if (riskId !== undefined) {
      // A history of one risk is about that risk: its rows name their runs, and its checks are not read.
      for (const [runId, projectName, auditId, status, drift, residual] of this.rows(
        `SELECT x.run_id, r.project, r.audit_id, x.status, x.drift, x.residual_score
         FROM risk_results x JOIN runs r ON r.id = x.run_id WHERE x.risk = ? ${project}`,
        riskId,
        ...projectArg,
      )) {
        const at = asOf.get(auditId as number);
        if (at === undefined) continue;
        runs.push({ id: runId as number, asOf: at, project: names.get(projectName as number)! });
        risks.push({
          runId: runId as number,
          riskId: filter.risk!,
          status: names.get(status as number)!,
          drift: drift === 1,
          residualScore: residual as number,
        });
      }
      return { runs, risks, checks };
    }
    const kept = new Set<number>();
    for (const [id, projectName, auditId] of this.rows(
      `SELECT r.id, r.project, r.audit_id FROM runs r WHERE 1 = 1 ${project}`,
      ...projectArg,
    )) {
      const at = asOf.get(auditId as number);
      if (at === undefined) continue;
      kept.add(id as number);
      runs.push({ id: id as number, asOf: at, project: names.get(projectName as number)! });
    }
    const ofRuns = projectId !== undefined ? 'JOIN runs r ON r.id = x.run_id WHERE r.project = ?' : '';
    for (const [runId, risk, status, drift, residual] of this.rows(
      `SELECT x.run_id, x.risk, x.status, x.drift, x.residual_score FROM risk_results x ${ofRuns}`,
      ...projectArg,
    ))
      if (kept.has(runId as number))
        risks.push({
          runId: runId as number,
          riskId: names.get(risk as number)!,
          status: names.get(status as number)!,
          drift: drift === 1,
          residualScore: residual as number,
        });
    for (const [runId, check, outcome, failing] of this.rows(
      `SELECT x.run_id, x."check", x.outcome, x.failing FROM check_results x ${ofRuns}`,
      ...projectArg,
    ))
      if (kept.has(runId as number))
        checks.push({
          runId: runId as number,
          checkId: names.get(check as number)!,
          outcome: names.get(outcome as number)!,
          failing: failing === null ? null : (JSON.parse(failing as string) as string[]),
        });
    return { runs, risks, checks };
  }

  async lastRun(project: string, which: 'last' | 'last-green'): Promise<RecentRun | undefined> {
    const projectId = this.nameId(project);
    if (projectId === undefined) return undefined;
    const passed = this.nameId('passed');
    if (which === 'last-green' && passed === undefined) return undefined;
    const row = this.db
      .prepare(
        `SELECT r.id, a.recorded_at FROM runs r JOIN audits a ON a.id = r.audit_id
         WHERE r.project = ? ${which === 'last-green' ? 'AND r.gate = ?' : ''}
         ORDER BY a.as_of DESC, r.id DESC LIMIT 1`,
      )
      .get(...(which === 'last-green' ? [projectId, passed!] : [projectId])) as
      { id: number; recorded_at: string } | undefined;
    if (!row) return undefined;
    const names = this.names();
    const risks = this.db
      .prepare('SELECT risk, status, drift, residual_score FROM risk_results WHERE run_id = ?')
      .all(row.id) as { risk: number; status: number; drift: number; residual_score: number }[];
    const checks = this.db.prepare('SELECT "check", outcome FROM check_results WHERE run_id = ?').all(row.id) as {
      check: number;
      outcome: number;
    }[];
    return {
      recordedAt: row.recorded_at,
      risks: risks.map((r) => ({
        id: names.get(r.risk)!,
        status: names.get(r.status)!,
        drift: r.drift === 1,
        residualScore: r.residual_score,
      })),
      checks: checks.map((c) => ({ id: names.get(c.check)!, outcome: names.get(c.outcome)! })),
    };
  }

  async prune(cutoff: string): Promise<number> {
    const { db } = this;
    return immediate(db, () => {
      const old = 'SELECT r.id FROM runs r JOIN audits a ON a.id = r.audit_id WHERE a.as_of < ?';
      db.prepare(`DELETE FROM risk_results WHERE run_id IN (${old})`).run(cutoff);
      db.prepare(`DELETE FROM check_results WHERE run_id IN (${old})`).run(cutoff);
      db.prepare(`DELETE FROM runs WHERE audit_id IN (SELECT id FROM audits WHERE as_of < ?)`).run(cutoff);
      return Number(db.prepare('DELETE FROM audits WHERE as_of < ?').run(cutoff).changes);
    });
  }

  async exportRows(since?: string): Promise<ExportRows> {
    const runs = this.db
      .prepare(
        `SELECT r.id AS run_id, r.audit_id, a.recorded_at, a.as_of, a.scope, r.project, a.source, a.register_digest,
                a.gtp_version, r.gate
         FROM runs r JOIN audits a ON a.id = r.audit_id ${since ? 'WHERE a.as_of >= ?' : ''} ORDER BY a.as_of, r.id`,
      )
      .all(...(since ? [since] : [])) as unknown as StoredRun[];
    const risks = (
      this.db
        .prepare(
          'SELECT risk, run_id, status, declared_status, drift, inherent_score, residual_score FROM risk_results',
        )
        .all() as unknown as (Omit<StoredRisk, 'drift'> & { drift: number })[]
    ).map((x) => ({ ...x, drift: x.drift === 1 }));
    const checks = (
      this.db
        .prepare('SELECT "check", run_id, outcome, failing_count, failing FROM check_results')
        .all() as unknown as (Omit<StoredCheck, 'failing'> & { failing: string | null })[]
    ).map((x) => ({ ...x, failing: x.failing === null ? null : (JSON.parse(x.failing) as string[]) }));
    return exportRowsOf(this.names(), runs, risks, checks);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
