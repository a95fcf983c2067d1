import type { AuditResult } from '../audit/result.js';

/** Every exit code gtp uses, decided here and nowhere else. */
export const EXIT = {
  OK: 0,
  /** The gate failed: drift, a residual score over --fail-above, or (validate) nothing else. */
  GATE_FAILED: 1,
  /** Bad input or usage: a malformed register, an unknown option, a missing file. */
  BAD_INPUT: 2,
  /** Nothing failed, but some controls could not be verified (permission, disabled API, timeout). */
  UNVERIFIED: 3,
  /** A bug in gtp itself. */
  INTERNAL: 70,
} as const;

export interface GateOptions {
  /** Fail when any residual score is above this. */
  failAbove?: number;
}

export interface GateVerdict {
  code: number;
  reasons: string[];
}

/** The audit gate: drift or a score over the threshold fails; otherwise anything unverifiable is exit 3. */
export function gate(result: AuditResult, options: GateOptions): GateVerdict {
  const reasons: string[] = [];
  for (const risk of result.risks) {
    if (risk.drift) reasons.push(`drift: ${risk.id} is declared mitigated but its existing mitigation fails`);
    if (options.failAbove !== undefined && risk.residualScore > options.failAbove) {
      reasons.push(`score: ${risk.id} has residual score ${risk.residualScore} > ${options.failAbove}`);
    }
  }
  if (reasons.length > 0) return { code: EXIT.GATE_FAILED, reasons };
  const unverified = result.checks.filter((c) => c.outcome === 'error');
  if (unverified.length > 0) {
    return { code: EXIT.UNVERIFIED, reasons: unverified.map((c) => `unverified: ${c.id}: ${c.error ?? 'error'}`) };
  }
  return { code: EXIT.OK, reasons: [] };
}
