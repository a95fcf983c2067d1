import type { Baseline } from '../audit/baseline.js';
import { outcome, riskStatusSchema, type RiskStatus } from '../audit/result.js';
import type { Outcome } from '../checks/types.js';
import { InputError } from '../util/errors.js';
import type { AuditRecord, ExportRows, HistoryFilter } from './model.js';
import type { CheckRow, RiskRow, RunRow } from './timeline.js';

/** The rows a history is computed from (timeline.ts). */
export interface HistoryRows {
  runs: RunRow[];
  risks: RiskRow[];
  checks: CheckRow[];
}

/** A project's recorded run as a baseline reads it: when it was recorded, its risks and its checks. */
export interface RecentRun {
  recordedAt: string;
  risks: { id: string; status: string; residualScore: number; drift: boolean }[];
  checks: { id: string; outcome: string }[];
}

/**
 * Where audits are kept: a SQLite file (the embedded default) or a PostgreSQL database (a team's store). Each
 * record is one transaction, whole or not at all, and concurrent writers wait for each other.
 */
export interface HistoryStore {
  /** The file, or the database URL without its password: what messages name. */
  readonly location: string;
  record(audit: AuditRecord): Promise<number>;
  read(filter: HistoryFilter): Promise<HistoryRows>;
  lastRun(project: string, which: 'last' | 'last-green'): Promise<RecentRun | undefined>;
  /** Removes the audits judged before `cutoff`, with their projects' results; how many audits. */
  prune(cutoff: string): Promise<number>;
  exportRows(since?: string): Promise<ExportRows>;
  close(): Promise<void>;
}

/** A URL as messages may show it: its password replaced. */
export function redactUrl(target: string): string {
  try {
    const url = new URL(target);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return target.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

const RISK_STATUSES: ReadonlySet<string> = new Set(riskStatusSchema.options);
const OUTCOMES: ReadonlySet<string> = new Set(outcome.options);

/**
 * A recorded run checked before it is compared with: a store is a file or database anyone could have edited, and a
 * status gtp does not know would rank as nothing and hide a regression.
 */
export function checkedBaseline(run: RecentRun, location: string): Baseline {
  for (const r of run.risks)
    if (!RISK_STATUSES.has(r.status))
      throw new InputError(
        `${location}: risk ${JSON.stringify(r.id)} has status ${JSON.stringify(r.status)}, not one gtp records`,
      );
  for (const c of run.checks)
    if (!OUTCOMES.has(c.outcome))
      throw new InputError(
        `${location}: check ${JSON.stringify(c.id)} has outcome ${JSON.stringify(c.outcome)}, not one gtp records`,
      );
  return {
    generatedAt: run.recordedAt,
    risks: run.risks.map((r) => ({ ...r, status: r.status as RiskStatus })),
    checks: run.checks.map((c) => ({ ...c, outcome: c.outcome as Outcome })),
  };
}
