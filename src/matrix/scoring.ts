import type { Attestation, Effect, Mitigation, Risk } from './schema.js';

/** The seed's Score column: probability × impact (0.5 × 4 = 2). */
export function inherentScore(risk: Pick<Risk, 'probability' | 'impact'>): number {
  return risk.probability * risk.impact;
}

/**
 * Residual score: probability × impact after the effects of verified mitigations. Each verified effect can only
 * lower a factor (the lowest value wins), so an unverified or weaker mitigation never raises or hides a risk.
 */
export function residualScore(risk: Pick<Risk, 'probability' | 'impact'>, verifiedEffects: readonly Effect[]): number {
  const { probability, impact } = residualFactors(risk, verifiedEffects);
  return probability * impact;
}

/** Where the risk sits once its verified mitigations apply (the heat map's second position). */
export function residualFactors(
  risk: Pick<Risk, 'probability' | 'impact'>,
  verifiedEffects: readonly Effect[],
): { probability: number; impact: number } {
  let probability = risk.probability;
  let impact = risk.impact;
  for (const effect of verifiedEffects) {
    if (effect.probability !== undefined) probability = Math.min(probability, effect.probability);
    if (effect.impact !== undefined) impact = Math.min(impact, effect.impact);
  }
  return { probability, impact };
}

/** An attestation counts until the end of its expiry day (UTC). */
export function isAttestationValid(attestation: Attestation, now: Date): boolean {
  return now.getTime() <= Date.parse(`${attestation.expires}T23:59:59.999Z`);
}

export function attestedEffects(risk: Risk, now: Date): Effect[] {
  return mitigationsOf(risk)
    .filter((m) => m.attestation && isAttestationValid(m.attestation, now) && m.effect)
    .map((m) => m.effect!);
}

export function mitigationsOf(risk: Risk): Mitigation[] {
  return [risk.existing, risk.proposed].filter((m): m is Mitigation => m !== undefined);
}

/** Scores print as the seed writes them: 9, 4, 0.5. */
export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : String(Math.round(score * 100) / 100);
}
