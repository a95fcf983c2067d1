import { compareText } from '../util/text.js';
import type { HistoryStore } from './store.js';

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
    col('audit_id', 'INTEGER'),
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
    col('declared_status', 'STRING', 'NULLABLE'),
    col('drift', 'BOOLEAN'),
    col('inherent_score', 'FLOAT', 'NULLABLE'),
    col('residual_score', 'FLOAT'),
  ],
  check_results: [
    col('run_id', 'INTEGER'),
    col('as_of', 'TIMESTAMP'),
    col('project', 'STRING'),
    col('check_id', 'STRING'),
    col('outcome', 'STRING'),
    col('failing_count', 'INTEGER'),
    col('failing', 'STRING', 'REPEATED'),
  ],
};

/**
 * Each table's rows (judged at or after `since`, when given) as NDJSON text, one object per line, in time order:
 * the runs by when they were judged, each run's risks and checks by id.
 */
export async function exportTables(
  store: HistoryStore,
  since?: string,
): Promise<Record<keyof typeof EXPORT_SCHEMAS, string>> {
  const rows = await store.exportRows(since);
  const order = new Map(rows.runs.map((r, i) => [r.run_id as number, i]));
  const byRun = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) =>
    order.get(a.run_id as number)! - order.get(b.run_id as number)! || compareText(String(a[key]), String(b[key]));
  const lines = (table: Record<string, unknown>[]) => table.map((row) => `${JSON.stringify(row)}\n`).join('');
  return {
    runs: lines(rows.runs),
    risk_results: lines(rows.risk_results.sort(byRun('risk_id'))),
    check_results: lines(rows.check_results.sort(byRun('check_id'))),
  };
}
