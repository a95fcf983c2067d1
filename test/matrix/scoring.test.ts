import { describe, expect, it } from 'vitest';
import { formatScore, inherentScore, isAttestationValid, residualScore } from '../../src/matrix/scoring.js';

describe('scoring', () => {
  it.each([
    [3, 3, 9],
    [0.5, 4, 2],
    [1, 3, 3],
    [2, 2, 4],
  ])('inherent score of P=%s × I=%s is %s, as the seed computes it', (probability, impact, score) => {
    expect(inherentScore({ probability, impact })).toBe(score);
  });

  it('residual score applies only the effects it is given, the lowest factor winning', () => {
    const risk = { probability: 2, impact: 3 };
    expect(residualScore(risk, [])).toBe(6);
    expect(residualScore(risk, [{ probability: 0.5 }])).toBe(1.5);
    expect(residualScore(risk, [{ impact: 1 }, { probability: 1 }])).toBe(1);
    expect(residualScore(risk, [{ probability: 3 }])).toBe(6);
  });

  it('an attestation counts through its expiry day', () => {
    const attestation = {
      by: 'sre-lead',
      date: '2026-01-01',
      evidence: 'https://example.com/review',
      expires: '2026-06-30',
    };
    expect(isAttestationValid(attestation, new Date('2026-06-30T23:00:00Z'))).toBe(true);
    expect(isAttestationValid(attestation, new Date('2026-07-01T00:00:01Z'))).toBe(false);
  });

  it('prints scores as the seed does', () => {
    expect([formatScore(9), formatScore(2), formatScore(1.5)]).toEqual(['9', '2', '1.5']);
  });
});
