import type { ExportRows } from './model.js';

/** The stored rows as both backends read them: names by number, drift as a boolean, failing as a list or null. */
export interface StoredRun {
  run_id: number;
  audit_id: number;
  recorded_at: string;
  as_of: string;
  scope: string;
  project: number;
  source: string;
  register_digest: string;
  gtp_version: string;
  gate: number;
}
export interface StoredRisk {
  risk: number;
  run_id: number;
  status: number;
  declared_status: number | null;
  drift: boolean;
  inherent_score: number | null;
  residual_score: number;
}
export interface StoredCheck {
  check: number;
  run_id: number;
  outcome: number;
  failing_count: number;
  failing: string[] | null;
}

/**
 * The exported tables (export.ts gives their BigQuery schemas) from the stored rows of the runs kept: every name
 * spelled out, each result with its run's time and project.
 */
export function exportRowsOf(
  names: ReadonlyMap<number, string>,
  runs: readonly StoredRun[],
  risks: readonly StoredRisk[],
  checks: readonly StoredCheck[],
): ExportRows {
  const context = new Map(
    runs.map((r) => [r.run_id, { ...r, project: names.get(r.project)!, gate: names.get(r.gate)! }]),
  );
  const of = (runId: number) => {
    const run = context.get(runId)!;
    return { run_id: runId, as_of: run.as_of, project: run.project };
  };
  return {
    runs: [...context.values()],
    risk_results: risks
      .filter((x) => context.has(x.run_id))
      .map((x) => ({
        ...of(x.run_id),
        risk_id: names.get(x.risk),
        status: names.get(x.status),
        declared_status: x.declared_status === null ? null : names.get(x.declared_status),
        drift: x.drift,
        inherent_score: x.inherent_score,
        residual_score: x.residual_score,
      })),
    check_results: checks
      .filter((x) => context.has(x.run_id))
      .map((x) => ({
        ...of(x.run_id),
        check_id: names.get(x.check),
        outcome: names.get(x.outcome),
        failing_count: x.failing_count,
        failing: x.failing ?? [],
      })),
  };
}
