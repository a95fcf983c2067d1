import type { AuditResult } from '../audit/result.js';
import type { CheckRow, RiskRow, RunRow } from './timeline.js';
import type { Store } from './store.js';

export interface HistoryFilter {
  project?: string;
  risk?: string;
  /** Runs judged at or after this instant. */
  since?: string;
}

/** The recorded runs, risks and checks the filter keeps, as plain rows. */
export function readHistory(
  store: Store,
  filter: HistoryFilter,
): { runs: RunRow[]; risks: RiskRow[]; checks: CheckRow[] } {
  const { db } = store;
  const where: string[] = [];
  const args: string[] = [];
  if (filter.project) {
    where.push('project = ?');
    args.push(filter.project);
  }
  if (filter.since) {
    where.push('as_of >= ?');
    args.push(filter.since);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const runs = (
    db.prepare(`SELECT id, as_of, project FROM runs ${clause}`).all(...args) as {
      id: number;
      as_of: string;
      project: string;
    }[]
  ).map((r) => ({ id: r.id, asOf: r.as_of, project: r.project }));
  const ids = new Set(runs.map((r) => r.id));
  const riskClause = filter.risk ? 'WHERE risk_id = ?' : '';
  const risks = (
    db
      .prepare(`SELECT run_id, risk_id, status, drift, residual_score FROM risk_results ${riskClause}`)
      .all(...(filter.risk ? [filter.risk] : [])) as {
      run_id: number;
      risk_id: string;
      status: string;
      drift: number;
      residual_score: number;
    }[]
  )
    .filter((r) => ids.has(r.run_id))
    .map((r) => ({
      runId: r.run_id,
      riskId: r.risk_id,
      status: r.status,
      drift: r.drift === 1,
      residualScore: r.residual_score,
    }));
  const checks = (
    db.prepare('SELECT run_id, check_id, outcome, failing FROM check_results').all() as {
      run_id: number;
      check_id: string;
      outcome: string;
      failing: string;
    }[]
  )
    .filter((c) => ids.has(c.run_id))
    .map((c) => ({
      runId: c.run_id,
      checkId: c.check_id,
      outcome: c.outcome,
      failing: JSON.parse(c.failing) as string[],
    }));
  return { runs, risks, checks };
}

/**
 * The last recorded audit of a project (`last`), or the last whose gate passed (`last-green`), as its report: a
 * baseline read from the store instead of a file someone kept.
 */
export function lastRun(store: Store, project: string, which: 'last' | 'last-green'): AuditResult | undefined {
  const row = store.db
    .prepare(
      `SELECT result FROM runs WHERE project = ? ${which === 'last-green' ? "AND gate = 'passed'" : ''}
       ORDER BY as_of DESC, id DESC LIMIT 1`,
    )
    .get(project) as { result: string } | undefined;
  return row ? (JSON.parse(row.result) as AuditResult) : undefined;
}
