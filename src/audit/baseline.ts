import type { Outcome } from '../checks/types.js';
import type { AuditResult, Changes, RiskStatus } from './result.js';

/** Better statuses rank higher; a move down is a regression. */
const RANK: Record<RiskStatus, number> = { mitigated: 4, attested: 3, declared: 2, unverified: 1, unmitigated: 0 };
const GOOD: ReadonlySet<Outcome> = new Set(['pass', 'not-applicable']);

/** What changed since a previous report: new risks, status and score moves, checks that started failing, new drift. */
/** What a baseline must hold: a previous report, or a run read back from the history store. */
export interface Baseline {
  generatedAt: string;
  risks: readonly Pick<AuditResult['risks'][number], 'id' | 'status' | 'residualScore' | 'drift'>[];
  checks: readonly Pick<AuditResult['checks'][number], 'id' | 'outcome'>[];
}

export function compareWithBaseline(current: AuditResult, baseline: Baseline): Changes {
  const before = new Map(baseline.risks.map((r) => [r.id, r]));
  const now = new Map(current.risks.map((r) => [r.id, r]));
  const statusChanges: Changes['statusChanges'] = [];
  const scoreChanges: Changes['scoreChanges'] = [];
  const newDrift: string[] = [];
  for (const risk of current.risks) {
    const old = before.get(risk.id);
    if (!old) continue;
    if (old.status !== risk.status)
      statusChanges.push({
        risk: risk.id,
        from: old.status,
        to: risk.status,
        regression: RANK[risk.status] < RANK[old.status],
      });
    if (old.residualScore !== risk.residualScore)
      scoreChanges.push({
        risk: risk.id,
        from: old.residualScore,
        to: risk.residualScore,
        regression: risk.residualScore > old.residualScore,
      });
    if (risk.drift && !old.drift) newDrift.push(risk.id);
  }
  const oldChecks = new Map(baseline.checks.map((c) => [c.id, c.outcome]));
  const newlyFailingChecks = current.checks
    .filter((c) => !GOOD.has(c.outcome) && GOOD.has(oldChecks.get(c.id) ?? 'pass') && oldChecks.has(c.id))
    .map((c) => ({ check: c.id, from: oldChecks.get(c.id)!, to: c.outcome }));
  const newRisks = current.risks.filter((r) => !before.has(r.id)).map((r) => r.id);
  const removedRisks = baseline.risks.filter((r) => !now.has(r.id)).map((r) => r.id);
  const regressions =
    statusChanges.filter((c) => c.regression).length +
    scoreChanges.filter((c) => c.regression).length +
    newlyFailingChecks.length +
    newDrift.length;
  return {
    baselineGeneratedAt: baseline.generatedAt,
    newRisks,
    removedRisks,
    statusChanges,
    scoreChanges,
    newlyFailingChecks,
    newDrift,
    regressions,
  };
}
