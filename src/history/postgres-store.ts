import type { Client as PgClient } from 'pg';
import { InputError } from '../util/errors.js';
import type { AuditRecord, ExportRows, HistoryFilter } from './model.js';
import { exportRowsOf, type StoredCheck, type StoredRisk, type StoredRun } from './export-rows.js';
import { redactUrl, type HistoryRows, type HistoryStore, type RecentRun } from './store.js';

/**
 * The team store's schema, in a PostgreSQL schema of its own (`gtp_history`) so that it sits beside a team's
 * tables without touching them. The same tables as the embedded store: names kept once, results keyed by (risk or
 * check, run).
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE gtp_history.names (id SERIAL PRIMARY KEY, text TEXT NOT NULL UNIQUE);
   CREATE TABLE gtp_history.audits (
     id SERIAL PRIMARY KEY, recorded_at TEXT NOT NULL, as_of TEXT NOT NULL, scope TEXT NOT NULL,
     source TEXT NOT NULL, register_digest TEXT NOT NULL, gtp_version TEXT NOT NULL, gate TEXT NOT NULL
   );
   CREATE INDEX audits_by_time ON gtp_history.audits (as_of);
   CREATE TABLE gtp_history.runs (
     id SERIAL PRIMARY KEY, audit_id INTEGER NOT NULL REFERENCES gtp_history.audits (id),
     project INTEGER NOT NULL, gate INTEGER NOT NULL
   );
   CREATE INDEX runs_by_project ON gtp_history.runs (project, audit_id);
   CREATE INDEX runs_by_audit ON gtp_history.runs (audit_id);
   CREATE TABLE gtp_history.risk_results (
     risk INTEGER NOT NULL, run_id INTEGER NOT NULL, status INTEGER NOT NULL, declared_status INTEGER,
     drift BOOLEAN NOT NULL, inherent_score DOUBLE PRECISION, residual_score DOUBLE PRECISION NOT NULL,
     PRIMARY KEY (risk, run_id)
   );
   CREATE INDEX risk_results_by_run ON gtp_history.risk_results (run_id);
   CREATE TABLE gtp_history.check_results (
     "check" INTEGER NOT NULL, run_id INTEGER NOT NULL, outcome INTEGER NOT NULL, failing_count INTEGER NOT NULL,
     failing JSONB, PRIMARY KEY ("check", run_id)
   );
   CREATE INDEX check_results_by_run ON gtp_history.check_results (run_id);`,
];
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** One advisory lock for every writer of the store: records and migrations take turns, none is lost. */
const WRITE_LOCK = 0x67747068; // "gtph"

/** Connects to the database `url` names and moves its schema forward; every failure is bad input, named. */
export async function openPostgresStore(url: string): Promise<HistoryStore> {
  const location = redactUrl(url);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A connection that ends under a running command reports here, not as an uncaught error.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new InputError(`${location}: cannot open the history store: ${connectionProblem(error)}`);
  }
  try {
    await migrate(client, location);
  } catch (error) {
    await client.end().catch(() => undefined);
    if (error instanceof InputError) throw error;
    throw new InputError(`${location}: not a gtp history store: ${(error as Error).message}`);
  }
  return new PostgresStore(client, location);
}

/** What went wrong connecting, in the words a person acts on (never the password). */
function connectionProblem(error: unknown): string {
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case '28P01':
      return 'the password was refused';
    case '28000':
      return 'the role may not connect';
    case '3D000':
      return 'no such database';
    case 'ECONNREFUSED':
      return 'nothing answers at that address';
    case 'ENOTFOUND':
      return 'no such host';
    default:
      return e.message ?? String(error);
  }
}

/** Runs `work` in one transaction holding the store's write lock: whole or not at all, writers in turn. */
async function inWriteTransaction<T>(client: PgClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    const value = await work();
    await client.query('COMMIT');
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function migrate(client: PgClient, location: string): Promise<void> {
  return inWriteTransaction(client, async () => {
    await client.query('CREATE SCHEMA IF NOT EXISTS gtp_history');
    await client.query('CREATE TABLE IF NOT EXISTS gtp_history.schema_version (version INTEGER NOT NULL)');
    const found = await client.query<{ version: number }>('SELECT version FROM gtp_history.schema_version');
    const version = found.rows[0]?.version ?? 0;
    if (version > POSTGRES_SCHEMA_VERSION)
      throw new InputError(
        `${location}: written by a newer gtp (history schema ${version}; this gtp reads up to ${POSTGRES_SCHEMA_VERSION}): upgrade gtp to read it`,
      );
    for (let step = version; step < POSTGRES_SCHEMA_VERSION; step++) await client.query(MIGRATIONS[step]!);
    if (found.rows.length === 0)
      await client.query('INSERT INTO gtp_history.schema_version VALUES ($1)', [POSTGRES_SCHEMA_VERSION]);
    else await client.query('UPDATE gtp_history.schema_version SET version = $1', [POSTGRES_SCHEMA_VERSION]);
  });
}

class PostgresStore implements HistoryStore {
  constructor(
    private readonly client: PgClient,
    readonly location: string,
  ) {}

  private transaction<T>(work: () => Promise<T>): Promise<T> {
    return inWriteTransaction(this.client, work);
  }

  record(audit: AuditRecord): Promise<number> {
    return this.transaction(async () => {
      const q = this.client.query.bind(this.client);
      const texts = new Set<string>();
      for (const p of audit.projects) {
        texts.add(p.project).add(p.gate);
        for (const r of p.risks) {
          texts.add(r.id).add(r.status);
          if (r.declaredStatus !== null) texts.add(r.declaredStatus);
        }
        for (const c of p.checks) texts.add(c.id).add(c.outcome);
      }
      const all = [...texts];
      await q('INSERT INTO gtp_history.names (text) SELECT unnest($1::text[]) ON CONFLICT (text) DO NOTHING', [all]);
      const found = await q<{ id: number; text: string }>(
        'SELECT id, text FROM gtp_history.names WHERE text = ANY($1::text[])',
        [all],
      );
      const id = new Map(found.rows.map((r) => [r.text, r.id]));
      const name = (text: string) => id.get(text)!;
      const auditId = (
        await q<{ id: number }>(
          `INSERT INTO gtp_history.audits (recorded_at, as_of, scope, source, register_digest, gtp_version, gate)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [audit.recordedAt, audit.asOf, audit.scope, audit.source, audit.registerDigest, audit.gtpVersion, audit.gate],
        )
      ).rows[0]!.id;
      // The runs' ids are taken first, so each project's results name its run without relying on RETURNING's order.
      const runIds = (
        await q<{ id: number }>(
          "SELECT nextval(pg_get_serial_sequence('gtp_history.runs', 'id'))::int AS id FROM generate_series(1, $1)",
          [audit.projects.length],
        )
      ).rows.map((r) => r.id);
      await q(
        `INSERT INTO gtp_history.runs (id, audit_id, project, gate)
         SELECT unnest($1::int[]), $2, unnest($3::int[]), unnest($4::int[])`,
        [runIds, auditId, audit.projects.map((p) => name(p.project)), audit.projects.map((p) => name(p.gate))],
      );
      const risk: unknown[][] = [[], [], [], [], [], [], []];
      const check: unknown[][] = [[], [], [], [], []];
      audit.projects.forEach((p, i) => {
        for (const r of p.risks) {
          risk[0]!.push(name(r.id));
          risk[1]!.push(runIds[i]);
          risk[2]!.push(name(r.status));
          risk[3]!.push(r.declaredStatus === null ? null : name(r.declaredStatus));
          risk[4]!.push(r.drift);
          risk[5]!.push(r.inherentScore);
          risk[6]!.push(r.residualScore);
        }
        for (const c of p.checks) {
          check[0]!.push(name(c.id));
          check[1]!.push(runIds[i]);
          check[2]!.push(name(c.outcome));
          check[3]!.push(c.failingCount);
          check[4]!.push(c.failing ? JSON.stringify(c.failing) : null);
        }
      });
      await q(
        `INSERT INTO gtp_history.risk_results
         SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::bool[], $6::float8[], $7::float8[])`,
        risk,
      );
      await q(
        `INSERT INTO gtp_history.check_results
         SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::jsonb[])`,
        check,
      );
      return auditId;
    });
  }

  private async names(): Promise<Map<number, string>> {
    const rows = await this.client.query<{ id: number; text: string }>('SELECT id, text FROM gtp_history.names');
    return new Map(rows.rows.map((r) => [r.id, r.text]));
  }

  private async nameId(text: string): Promise<number | undefined> {
    const found = await this.client.query<{ id: number }>('SELECT id FROM gtp_history.names WHERE text = $1', [text]);
    return found.rows[0]?.id;
  }

  async read(filter: HistoryFilter): Promise<HistoryRows> {
    const names = await this.names();
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.project) {
      const id = await this.nameId(filter.project);
      if (id === undefined) return { runs: [], risks: [], checks: [] };
      args.push(id);
      where.push(`r.project = $${args.length}`);
    }
    if (filter.since) {
      args.push(filter.since);
      where.push(`a.as_of >= $${args.length}`);
    }
    const runFilter = `FROM gtp_history.runs r JOIN gtp_history.audits a ON a.id = r.audit_id ${
      where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    }`;
    const riskId = filter.risk === undefined ? undefined : await this.nameId(filter.risk);
    if (filter.risk !== undefined && riskId === undefined) return { runs: [], risks: [], checks: [] };
    if (riskId !== undefined) {
      // A history of one risk is about that risk: its rows name their runs, and its checks are not read.
      const found = await this.client.query<{
        run_id: number;
        as_of: string;
        project: number;
        status: number;
        drift: boolean;
        residual_score: number;
      }>(
        `SELECT x.run_id, a.as_of, r.project, x.status, x.drift, x.residual_score
         FROM gtp_history.risk_results x JOIN gtp_history.runs r ON r.id = x.run_id
         JOIN gtp_history.audits a ON a.id = r.audit_id
         WHERE x.risk = $${args.length + 1} ${where.length > 0 ? `AND ${where.join(' AND ')}` : ''}`,
        [...args, riskId],
      );
      return {
        runs: found.rows.map((r) => ({ id: r.run_id, asOf: r.as_of, project: names.get(r.project)! })),
        risks: found.rows.map((r) => ({
          runId: r.run_id,
          riskId: filter.risk!,
          status: names.get(r.status)!,
          drift: r.drift,
          residualScore: r.residual_score,
        })),
        checks: [],
      };
    }
    const runs = (
      await this.client.query<{ id: number; as_of: string; project: number }>(
        `SELECT r.id, a.as_of, r.project ${runFilter}`,
        args,
      )
    ).rows.map((r) => ({ id: r.id, asOf: r.as_of, project: names.get(r.project)! }));
    const risks = (
      await this.client.query<{ risk: number; run_id: number; status: number; drift: boolean; residual_score: number }>(
        `SELECT x.risk, x.run_id, x.status, x.drift, x.residual_score FROM gtp_history.risk_results x
         WHERE x.run_id IN (SELECT r.id ${runFilter})`,
        args,
      )
    ).rows.map((r) => ({
      runId: r.run_id,
      riskId: names.get(r.risk)!,
      status: names.get(r.status)!,
      drift: r.drift,
      residualScore: r.residual_score,
    }));
    const checks = (
      await this.client.query<{ check: number; run_id: number; outcome: number; failing: string[] | null }>(
        `SELECT x."check", x.run_id, x.outcome, x.failing FROM gtp_history.check_results x
               WHERE x.run_id IN (SELECT r.id ${runFilter})`,
        args,
      )
    ).rows.map((c) => ({
      runId: c.run_id,
      checkId: names.get(c.check)!,
      outcome: names.get(c.outcome)!,
      failing: c.failing,
    }));
    return { runs, risks, checks };
  }

  async lastRun(project: string, which: 'last' | 'last-green'): Promise<RecentRun | undefined> {
    const projectId = await this.nameId(project);
    if (projectId === undefined) return undefined;
    const passed = await this.nameId('passed');
    if (which === 'last-green' && passed === undefined) return undefined;
    const found = await this.client.query<{ id: number; recorded_at: string }>(
      `SELECT r.id, a.recorded_at FROM gtp_history.runs r JOIN gtp_history.audits a ON a.id = r.audit_id
       WHERE r.project = $1 ${which === 'last-green' ? 'AND r.gate = $2' : ''}
       ORDER BY a.as_of DESC, r.id DESC LIMIT 1`,
      which === 'last-green' ? [projectId, passed] : [projectId],
    );
    const row = found.rows[0];
    if (!row) return undefined;
    const names = await this.names();
    const risks = await this.client.query<{ risk: number; status: number; drift: boolean; residual_score: number }>(
      'SELECT risk, status, drift, residual_score FROM gtp_history.risk_results WHERE run_id = $1',
      [row.id],
    );
    const checks = await this.client.query<{ check: number; outcome: number }>(
      'SELECT "check", outcome FROM gtp_history.check_results WHERE run_id = $1',
      [row.id],
    );
    return {
      recordedAt: row.recorded_at,
      risks: risks.rows.map((r) => ({
        id: names.get(r.risk)!,
        status: names.get(r.status)!,
        drift: r.drift,
        residualScore: r.residual_score,
      })),
      checks: checks.rows.map((c) => ({ id: names.get(c.check)!, outcome: names.get(c.outcome)! })),
    };
  }

  prune(cutoff: string): Promise<number> {
    return this.transaction(async () => {
      const old =
        'SELECT r.id FROM gtp_history.runs r JOIN gtp_history.audits a ON a.id = r.audit_id WHERE a.as_of < $1';
      await this.client.query(`DELETE FROM gtp_history.risk_results WHERE run_id IN (${old})`, [cutoff]);
      await this.client.query(`DELETE FROM gtp_history.check_results WHERE run_id IN (${old})`, [cutoff]);
      await this.client.query(
        'DELETE FROM gtp_history.runs WHERE audit_id IN (SELECT id FROM gtp_history.audits WHERE as_of < $1)',
        [cutoff],
      );
      return (await this.client.query('DELETE FROM gtp_history.audits WHERE as_of < $1', [cutoff])).rowCount ?? 0;
    });
  }

  async exportRows(since?: string): Promise<ExportRows> {
    const names = await this.names();
    const runs = await this.client.query<StoredRun>(
      `SELECT r.id AS run_id, r.audit_id, a.recorded_at, a.as_of, a.scope, r.project, a.source, a.register_digest,
              a.gtp_version, r.gate
       FROM gtp_history.runs r JOIN gtp_history.audits a ON a.id = r.audit_id
       ${since ? 'WHERE a.as_of >= $1' : ''} ORDER BY a.as_of, r.id`,
      since ? [since] : [],
    );
    const risks = await this.client.query<StoredRisk>(
      'SELECT risk, run_id, status, declared_status, drift, inherent_score, residual_score FROM gtp_history.risk_results',
    );
    const checks = await this.client.query<StoredCheck>(
      'SELECT "check", run_id, outcome, failing_count, failing FROM gtp_history.check_results',
    );
    return exportRowsOf(names, runs.rows, risks.rows, checks.rows);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
