import type { AuditResult } from './result.js';

export interface GateOptions {
  /** Fail when any residual score is above this. */
  failAbove?: number;
  /** Fail on any regression against the baseline. */
  failOnRegression?: boolean;
}

export type GateOutcome = 'passed' | 'failed' | 'unverified';

/**
 * What the gate reads of a result: each risk's drift and residual score, each check's outcome, and the changes since
 * a baseline. An audit's result has them, and so does a project's outcome in an organization report, which the
 * merge judges again.
 */
export interface Gated {
  risks: readonly { id: string; drift: boolean; residualScore: number }[];
  checks: readonly { id: string; outcome: string; error?: string | undefined }[];
  changes?: Pick<NonNullable<AuditResult['changes']>, 'regressions' | 'baselineGeneratedAt'> | undefined;
}

export interface GateVerdict {
  outcome: GateOutcome;
  reasons: { risk?: string; check?: string; message: string }[];
}

/** Why each risk fails the gate, if it does: the renderers mark these as errors. */
export function gateFailures(result: Gated, options: GateOptions): Map<string, string[]> {
  const failures = new Map<string, string[]>();
  const add = (risk: string, why: string) => failures.set(risk, [...(failures.get(risk) ?? []), why]);
  for (const risk of result.risks) {
    if (risk.drift) add(risk.id, `drift: ${risk.id} is declared mitigated but its existing mitigation fails`);
    if (options.failAbove !== undefined && risk.residualScore > options.failAbove) {
      add(risk.id, `score: ${risk.id} has residual score ${risk.residualScore} > ${options.failAbove}`);
    }
  }
  return failures;
}

/** The audit gate: drift, a score over the threshold or (if asked) a regression fails; else anything unverifiable. */
export function gate(result: Gated, options: GateOptions): GateVerdict {
  const reasons: GateVerdict['reasons'] = [...gateFailures(result, options)].flatMap(([risk, whys]) =>
    whys.map((message) => ({ risk, message })),
  );
  if (options.failOnRegression && result.changes && result.changes.regressions > 0) {
    reasons.push({
      message: `regression: ${result.changes.regressions} change(s) for the worse since the baseline of ${result.changes.baselineGeneratedAt}`,
    });
  }
  if (reasons.length > 0) return { outcome: 'failed', reasons };
  const unverified = result.checks.filter((c) => c.outcome === 'error');
  if (unverified.length > 0)
    return {
      outcome: 'unverified',
      reasons: unverified.map((c) => ({ check: c.id, message: `unverified: ${c.id}: ${c.error ?? 'error'}` })),
    };
  return { outcome: 'passed', reasons: [] };
}
