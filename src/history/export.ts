import type { Store } from './store.js';

/** A column of an exported table, in BigQuery's JSON schema form (`bq load … TABLE FILE.ndjson SCHEMA.json`). */
interface Column {
  name: string;
  type: 'INTEGER' | 'STRING' | 'TIMESTAMP' | 'BOOLEAN' | 'FLOAT';
  mode: 'REQUIRED' | 'NULLABLE' | 'REPEATED';
}

const col = (name: string, type: Column['type'], mode: Column['mode'] = 'REQUIRED'): Column => ({ name, type, mode });

/**
 * The store's tables as newline-delimited JSON, with their schemas: what BigQuery loads as it is (timestamps as
 * RFC 3339 text, booleans as JSON booleans, a repeated field as a JSON array), for organizations that keep their
 * compliance data there.
 */
export const EXPORT_SCHEMAS: Record<'runs' | 'risk_results' | 'check_results', Column[]> = {
  runs: [
    col('run_id', 'INTEGER'),
    col('recorded_at', 'TIMESTAMP'),
    col('as_of', 'TIMESTAMP'),
    col('scope', 'STRING'),
    col('project', 'STRING'),
    col('source', 'STRING'),
    col('register_digest', 'STRING'),
    col('gtp_version', 'STRING'),
    col('gate', 'STRING'),
  ],
  risk_results: [
    col('run_id', 'INTEGER'),
    col('as_of', 'TIMESTAMP'),
    col('project', 'STRING'),
    col('risk_id', 'STRING'),
    col('status', 'STRING'),
    col('declared_status', 'STRING'),
    col('drift', 'BOOLEAN'),
    col('inherent_score', 'FLOAT'),
    col('residual_score', 'FLOAT'),
  ],
  check_results: [
    col('run_id', 'INTEGER'),
    col('as_of', 'TIMESTAMP'),
    col('project', 'STRING'),
    col('check_id', 'STRING'),
    col('outcome', 'STRING'),
    col('failing', 'STRING', 'REPEATED'),
  ],
};

/** Each table's rows (judged at or after `since`, when given) as NDJSON text, one object per line. */
export function exportTables(store: Store, since?: string): Record<keyof typeof EXPORT_SCHEMAS, string> {
  const { db } = store;
  const filter = since ? 'WHERE r.as_of >= ?' : '';
  const args = since ? [since] : [];
  const lines = (rows: unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');
  const runs = db
    .prepare(
      `SELECT r.id AS run_id, r.recorded_at, r.as_of, r.scope, r.project, r.source, r.register_digest, r.gtp_version, r.gate
       FROM runs r ${filter} ORDER BY r.as_of, r.id`,
    )
    .all(...args);
  const risks = (
    db
      .prepare(
        `SELECT x.run_id, r.as_of, r.project, x.risk_id, x.status, x.declared_status, x.drift, x.inherent_score, x.residual_score
         FROM risk_results x JOIN runs r ON r.id = x.run_id ${filter} ORDER BY r.as_of, x.run_id, x.risk_id`,
      )
      .all(...args) as Record<string, unknown>[]
  ).map((row) => ({ ...row, drift: row.drift === 1 }));
  const checks = (
    db
      .prepare(
        `SELECT x.run_id, r.as_of, r.project, x.check_id, x.outcome, x.failing
         FROM check_results x JOIN runs r ON r.id = x.run_id ${filter} ORDER BY r.as_of, x.run_id, x.check_id`,
      )
      .all(...args) as Record<string, unknown>[]
  ).map((row) => ({ ...row, failing: JSON.parse(row.failing as string) as string[] }));
  return { runs: lines(runs), risk_results: lines(risks), check_results: lines(checks) };
}
