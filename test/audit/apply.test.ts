import { describe, expect, it } from 'vitest';
import { applyResults, combineOutcomes, downtimeMinutesPerMonth, riskResult } from '../../src/audit/apply.js';
import type { CheckResult } from '../../src/audit/result.js';
import type { Outcome } from '../../src/checks/types.js';
import { DEFAULT_SETTINGS, type Register, type Risk } from '../../src/matrix/schema.js';
import { gate } from '../../src/audit/gate.js';
import { exitCodeOf } from '../../src/cli/exit-codes.js';

const NOW = new Date('2026-11-26T00:00:00Z');

function check(id: string, outcome: Outcome): CheckResult {
  return {
    id,
    title: id,
    outcome,
    resources: [{ name: 'r', verdict: outcome === 'error' ? 'not-applicable' : outcome, detail: 'd' }],
    remediation: { text: 'fix' },
    ...(outcome === 'error' ? { error: 'permission denied' } : {}),
  };
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

/** A register with nothing in it, for cases to add what they are about. */
const EMPTY_REGISTER: Register = {
  version: 1,
  title: 't',
  resources: {},
  settings: DEFAULT_SETTINGS,
  crossChecks: [],
  probes: [],
  overrides: [],
  tables: [],
  risks: [],
  goals: [],
  milestones: [],
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
      proposed: {
        text: 'WAF',
        checks: [],
        effect: { probability: 0.5 },
        attestation: { by: 'sec-lead', date: '2026-01-01', evidence: 'https://example.com/waf', expires },
      },
    });
    expect(riskResult(attested('2027-01-01'), results(), NOW)).toMatchObject({
      status: 'attested',
      residualScore: 1.5,
    });
    // A lapsed attestation vouches for nothing: unverified (named in the report), not "as written".
    expect(riskResult(attested('2026-01-31'), results(), NOW)).toMatchObject({
      status: 'unverified',
      residualScore: 6,
      proposed: { attestation: { valid: false } },
    });
  });
});

describe('the audit gate', () => {
  const register = { ...EMPTY_REGISTER, tables: [{ id: 'security', title: 'Security' }], risks: [ddos] };
  const audit = (outcome: Outcome) =>
    applyResults(register, [check('armor.attached', outcome)], { source: 'snapshot', project: 'p', now: NOW });

  it('passes when the evidence agrees with the register', () =>
    expect(exitCodeOf(gate(audit('pass'), {}).outcome)).toBe(0));
  it('fails on drift', () =>
    expect(gate(audit('fail'), {})).toMatchObject({
      outcome: 'failed',
      reasons: [{ risk: 'ddos-web-attacks', message: expect.stringContaining('drift: ddos-web-attacks') }],
    }));
  it('fails on a residual score above the threshold', () =>
    expect(exitCodeOf(gate(audit('pass'), { failAbove: 2 }).outcome)).toBe(1));
  it('does not fail at the threshold itself', () =>
    expect(exitCodeOf(gate(audit('pass'), { failAbove: 3 }).outcome)).toBe(0));
  it('says unverified (3) when a control could not be read', () =>
    expect(exitCodeOf(gate(audit('error'), {}).outcome)).toBe(3));
});

describe('milestones and the nines come from evidence', () => {
  const tiers = [
    {
      id: 'regional-ha',
      label: 'Current State',
      description: 'Regional HA',
      slo: 99.9,
      requires: { checks: ['gke.regional', 'sql.high-availability'], milestones: [] },
    },
    {
      id: 'multi-region',
      label: 'With Multi-Region',
      description: 'Multi-Region',
      slo: 99.99,
      requires: { checks: [], milestones: ['m12'] },
    },
  ];
  const register = {
    ...EMPTY_REGISTER,
    tables: [{ id: 'infra', title: 'Infra' }],
    milestones: [
      {
        id: 'm12',
        number: 12,
        title: 'Multi-Region',
        goal: 'g',
        scope: [
          { text: 'GKE in us-east1', checks: ['gke.multi-region'] },
          { text: 'DNS failover', checks: [] },
        ],
      },
    ],
    availability: { tiers, notes: [] },
  };
  const audit = (...checks: CheckResult[]) =>
    applyResults(register, checks, { source: 'live', project: 'p', now: NOW });

  it('computes the downtime a month from the SLO', () => {
    expect(downtimeMinutesPerMonth(99.9)).toBe(43.8);
    expect(downtimeMinutesPerMonth(99.99)).toBe(4.4);
  });

  it('reaches regional HA when both checks pass, and names what the next tier misses', () => {
    const result = audit(
      check('gke.regional', 'pass'),
      check('sql.high-availability', 'pass'),
      check('gke.multi-region', 'pass'),
    );
    expect(result.availability).toEqual({
      tier: 'regional-ha',
      label: 'Current State',
      slo: 99.9,
      downtimeMinutesPerMonth: 43.8,
      next: {
        tier: 'multi-region',
        label: 'With Multi-Region',
        slo: 99.99,
        downtimeMinutesPerMonth: 4.4,
        missing: ['milestone m12'],
      },
    });
    // A scope item that no check verifies is never counted as delivered.
    expect(result.milestones).toEqual([
      {
        id: 'm12',
        number: 12,
        title: 'Multi-Region',
        done: 1,
        total: 2,
        items: [
          { text: 'GKE in us-east1', checks: ['gke.multi-region'], verified: true },
          { text: 'DNS failover', checks: [], verified: false },
        ],
      },
    ]);
  });

  it('supports no tier when the first one is not verified, whatever the higher ones say', () => {
    const result = audit(check('gke.regional', 'fail'), check('sql.high-availability', 'pass'));
    expect(result.availability).toMatchObject({ tier: null, next: { tier: 'regional-ha', missing: ['gke.regional'] } });
  });
});
