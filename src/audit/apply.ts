import type { Mitigation, Register, Risk } from '../matrix/schema.js';
import { inherentScore, isAttestationValid, residualFactors, residualScore } from '../matrix/scoring.js';
import type { Outcome } from '../checks/types.js';
import type {
  AuditResult,
  CheckResult,
  MilestoneResult,
  MitigationResult,
  RiskResult,
  RiskStatus,
  Source,
} from './result.js';

export interface ApplyOptions {
  source: Source;
  project: string | null;
  /** The instant the evidence is judged at: attestation expiry and every check's age are measured from it. */
  now: Date;
  /** Why `now` is what it is; a live audit's judgement time is the moment it ran. */
  asOf?: AuditResult['asOf'];
  /** When the report was made, if not `now` (an offline audit judged as of an earlier capture). */
  generatedAt?: Date;
}

/** Combines the outcomes of a mitigation's checks: one failure is enough to fail, one error to leave it unverified. */
export function combineOutcomes(outcomes: readonly Outcome[]): Outcome | undefined {
  if (outcomes.length === 0) return undefined;
  if (outcomes.includes('fail')) return 'fail';
  if (outcomes.includes('error')) return 'error';
  if (outcomes.every((o) => o === 'not-applicable')) return 'not-applicable';
  return 'pass';
}

function mitigationResult(
  mitigation: Mitigation | undefined,
  checks: ReadonlyMap<string, CheckResult>,
  now: Date,
): MitigationResult | null {
  if (!mitigation) return null;
  const controls = mitigation.checks.flatMap((id) => {
    const result = checks.get(id);
    if (!result) return [];
    return [
      {
        check: id,
        outcome: result.outcome,
        evidence: result.resources,
        ...(result.error ? { error: result.error } : {}),
      },
    ];
  });
  const outcome = combineOutcomes(controls.map((c) => c.outcome));
  const attestation = mitigation.attestation
    ? { ...mitigation.attestation, valid: isAttestationValid(mitigation.attestation, now) }
    : undefined;
  // A probe outranks a person: an attestation only vouches for what no check looks at.
  const verified = outcome !== undefined ? outcome === 'pass' : attestation?.valid === true;
  return {
    text: mitigation.text,
    ...(outcome ? { outcome } : {}),
    verified,
    controls,
    ...(mitigation.effect ? { effect: mitigation.effect } : {}),
    ...(attestation ? { attestation } : {}),
  };
}

function statusOf(mitigations: MitigationResult[]): RiskStatus {
  if (mitigations.some((m) => m.outcome === 'pass')) return 'mitigated';
  if (mitigations.some((m) => m.outcome === undefined && m.verified)) return 'attested';
  // An attestation that lapsed no longer vouches for anything, and nothing else does: unverified, not declared.
  if (
    mitigations.some((m) => m.outcome === 'error' || (m.outcome === undefined && m.attestation && !m.attestation.valid))
  )
    return 'unverified';
  if (mitigations.some((m) => m.outcome === 'fail')) return 'unmitigated';
  return 'declared';
}

export function riskResult(risk: Risk, checks: ReadonlyMap<string, CheckResult>, now: Date): RiskResult {
  const existing = mitigationResult(risk.existing, checks, now);
  const proposed = mitigationResult(risk.proposed, checks, now);
  const mitigations = [existing, proposed].filter((m): m is MitigationResult => m !== null);
  const status = statusOf(mitigations);
  const verifiedEffects = mitigations.filter((m) => m.verified && m.effect).map((m) => m.effect!);
  const residual = residualFactors(risk, verifiedEffects);
  return {
    id: risk.id,
    table: risk.table,
    category: risk.category,
    title: risk.title,
    probability: risk.probability,
    impact: risk.impact,
    inherentScore: inherentScore(risk),
    residualProbability: residual.probability,
    residualImpact: residual.impact,
    residualScore: residualScore(risk, verifiedEffects),
    declaredStatus: risk.status,
    status,
    // The register says a mitigation is in place; the probes say it is not.
    drift: risk.status === 'mitigated' && existing?.outcome === 'fail' && status !== 'mitigated',
    existing,
    proposed,
    milestone: risk.milestone ?? null,
  };
}

const passed = (checks: ReadonlyMap<string, CheckResult>, ids: readonly string[]) =>
  ids.every((id) => checks.get(id)?.outcome === 'pass');

function milestoneResults(register: Register, checks: ReadonlyMap<string, CheckResult>): MilestoneResult[] {
  return register.milestones.map((milestone) => {
    // A scope item is done when checks show it: what nobody verifies is not counted as delivered.
    const items = milestone.scope.map((item) => ({
      text: item.text,
      checks: item.checks,
      verified: item.checks.length > 0 && passed(checks, item.checks),
    }));
    return {
      id: milestone.id,
      number: milestone.number,
      title: milestone.title,
      total: items.length,
      done: items.filter((i) => i.verified).length,
      items,
    };
  });
}

/** Minutes in an average month (365.25 / 12 days), the base of the usual "nines" downtime tables. */
const MINUTES_PER_MONTH = (365.25 / 12) * 24 * 60;

export function downtimeMinutesPerMonth(slo: number): number {
  return Math.round(((100 - slo) / 100) * MINUTES_PER_MONTH * 10) / 10;
}

function availabilityOf(
  register: Register,
  checks: ReadonlyMap<string, CheckResult>,
  milestones: MilestoneResult[],
): AuditResult['availability'] {
  const tiers = [...(register.availability?.tiers ?? [])].sort((a, b) => a.slo - b.slo);
  const complete = new Set(milestones.filter((m) => m.total > 0 && m.done === m.total).map((m) => m.id));
  const missing = (tier: (typeof tiers)[number]) => [
    ...tier.requires.checks.filter((id) => checks.get(id)?.outcome !== 'pass'),
    ...tier.requires.milestones.filter((id) => !complete.has(id)).map((id) => `milestone ${id}`),
  ];
  // Tiers build on each other: a tier counts only when every lower one does too.
  let reached: (typeof tiers)[number] | undefined;
  let next: (typeof tiers)[number] | undefined;
  for (const tier of tiers) {
    if (missing(tier).length > 0) {
      next = tier;
      break;
    }
    reached = tier;
  }
  if (tiers.length === 0) return null;
  return {
    tier: reached?.id ?? null,
    label: reached?.label ?? null,
    slo: reached?.slo ?? null,
    downtimeMinutesPerMonth: reached ? downtimeMinutesPerMonth(reached.slo) : null,
    next: next
      ? {
          tier: next.id,
          label: next.label,
          slo: next.slo,
          downtimeMinutesPerMonth: downtimeMinutesPerMonth(next.slo),
          missing: missing(next),
        }
      : null,
  };
}

/** The register with the evidence applied: statuses, drift, residual scores, milestones and the availability tier. */
export function applyResults(
  register: Register,
  checkResults: readonly CheckResult[],
  options: ApplyOptions,
): AuditResult {
  const checks = new Map(checkResults.map((c) => [c.id, c]));
  const risks = register.risks.map((risk) => riskResult(risk, checks, options.now));
  const milestones = milestoneResults(register, checks);
  const count = (status: RiskStatus) => risks.filter((r) => r.status === status).length;
  return {
    schemaVersion: 1,
    generatedAt: (options.generatedAt ?? options.now).toISOString(),
    asOf: options.asOf ?? { time: options.now.toISOString(), basis: 'now' },
    project: options.project,
    source: options.source,
    summary: {
      risks: risks.length,
      mitigated: count('mitigated'),
      unmitigated: count('unmitigated'),
      unverified: count('unverified'),
      attested: count('attested'),
      declared: count('declared'),
      drift: risks.filter((r) => r.drift).length,
      maxResidualScore: Math.max(0, ...risks.map((r) => r.residualScore)),
    },
    risks,
    checks: [...checkResults],
    milestones,
    availability: availabilityOf(register, checks, milestones),
  };
}

/** The register as written, with no probe run: `gtp report`. */
export function declaredReport(register: Register, now: Date): AuditResult {
  return applyResults(register, [], { source: 'declared', project: register.project ?? null, now });
}
