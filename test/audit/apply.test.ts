import { describe, expect, it } from 'vitest';
import { applyResults, combineOutcomes, riskResult } from '../../src/audit/apply.js';
import type { CheckResult } from '../../src/audit/result.js';
import type { Outcome } from '../../src/checks/types.js';
import type { Risk } from '../../src/matrix/schema.js';
import { gate } from '../../src/cli/exit-codes.js';

const NOW = new Date('2026-11-26T00:00:00Z');

function check(id: string, outcome: Outcome): CheckResult {
  return { id, title: id, outcome, resources: [{ name: 'r', verdict: outcome === 'error' ? 'not-applicable' : outcome, detail: 'd' }], remediation: { text: 'fix' }, ...(outcome === 'error' ? { error: 'permission denied' } : {}) };
}

const ddos: Risk = {
  id: 'ddos-web-attacks',
  table: 'security',
  category: 'Attack',
  title: 'DDoS / Web Attacks',
  probability: 2,
  impact: 3,
  status: 'mitigated',
  existing: { text: 'Cloud Armor', checks: ['armor.attached'], effect: { probability: 1 } },
  proposed: { text: 'WAF', checks: [], effect: { probability: 0.5 } },
};

const results = (...checks: CheckResult[]) => new Map(checks.map((c) => [c.id, c]));

describe('applying check outcomes to a risk', () => {
  it.each([
    [['pass', 'pass'], 'pass'],
    [['pass', 'not-applicable'], 'pass'],
    [['not-applicable'], 'not-applicable'],
    [['pass', 'error'], 'error'],
    [['error', 'fail'], 'fail'],
    [[], undefined],
  ] as [Outcome[], Outcome | undefined][])('%j combine to %s', (outcomes, expected) => {
    expect(combineOutcomes(outcomes)).toBe(expected);
  });

  it('verified existing mitigation: mitigated, residual uses its effect only', () => {
    const r = riskResult(ddos, results(check('armor.attached', 'pass')), NOW);
    expect(r).toMatchObject({ status: 'mitigated', drift: false, inherentScore: 6, residualScore: 3 });
  });

  it('declared ✅ but the probe fails: unmitigated with drift, residual = inherent', () => {
    const r = riskResult(ddos, results(check('armor.attached', 'fail')), NOW);
    expect(r).toMatchObject({ status: 'unmitigated', drift: true, residualScore: 6 });
  });

  it('a probe that errored leaves the risk unverified, never mitigated', () => {
    const r = riskResult(ddos, results(check('armor.attached', 'error')), NOW);
    expect(r).toMatchObject({ status: 'unverified', drift: false, residualScore: 6 });
  });

  it('no check at all: declared, as written', () => {
    const r = riskResult({ ...ddos, existing: { text: 'Cloud Armor', checks: [] } }, results(), NOW);
    expect(r.status).toBe('declared');
  });

  it('a valid attestation verifies a mitigation no probe sees; an expired one does not', () => {
    const attested = (expires: string): Risk => ({
      ...ddos,
      existing: undefined,
      proposed: { text: 'WAF', checks: [], effect: { probability: 0.5 }, attestation: { by: 'sec-lead', date: '2026-01-01', evidence: 'https://example.com/waf', expires } },
    });
    expect(riskResult(attested('2027-01-01'), results(), NOW)).toMatchObject({ status: 'attested', residualScore: 1.5 });
    expect(riskResult(attested('2026-01-31'), results(), NOW)).toMatchObject({ status: 'declared', residualScore: 6 });
  });
});

describe('the audit gate', () => {
  const register = {
    version: 1 as const,
    title: 't',
    tables: [{ id: 'security', title: 'Security' }],
    risks: [ddos],
    goals: [],
    milestones: [],
  };
  const audit = (outcome: Outcome) => applyResults(register, [check('armor.attached', outcome)], { source: 'snapshot', project: 'p', now: NOW });

  it('passes when the evidence agrees with the register', () => expect(gate(audit('pass'), {}).code).toBe(0));
  it('fails on drift', () => expect(gate(audit('fail'), {})).toMatchObject({ code: 1, reasons: [expect.stringContaining('drift: ddos-web-attacks')] }));
  it('fails on a residual score above the threshold', () => expect(gate(audit('pass'), { failAbove: 2 }).code).toBe(1));
  it('does not fail at the threshold itself', () => expect(gate(audit('pass'), { failAbove: 3 }).code).toBe(0));
  it('says unverified (3) when a control could not be read', () => expect(gate(audit('error'), {}).code).toBe(3));
});
