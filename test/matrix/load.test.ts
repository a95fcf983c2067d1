import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../src/checks/index.js';
import { loadRegisterFile, parseRegister } from '../../src/matrix/load.js';
import { InputError, formatProblem } from '../../src/util/errors.js';
import { REGISTER } from '../helpers/paths.js';

const seedRegister = readFileSync(REGISTER, 'utf8');

/** Replaces the first occurrence of a line in the bundled register. */
function edit(from: string, to: string): string {
  expect(seedRegister).toContain(from);
  return seedRegister.replace(from, to);
}

function problems(text: string): string[] {
  try {
    parseRegister(text, 'risks.yaml', { knownChecks: CHECK_IDS });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems.map(formatProblem);
  }
  throw new Error('expected the register to be rejected');
}

/** The 1-based column of the first occurrence of a string. */
function lineColumn(text: string, needle: string): number {
  const index = text.indexOf(needle);
  return index - text.lastIndexOf('\n', index);
}

function lineOf(text: string, needle: string, occurrence = 1): number {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  return text.slice(0, index).split('\n').length;
}

describe('loading the register', () => {
  it('accepts the bundled register: all 18 risks of the seed in its order', () => {
    const { register } = parseRegister(seedRegister, 'risks.yaml', { knownChecks: CHECK_IDS });
    expect(register.risks.map((r) => r.id)).toEqual([
      'bad-deployment',
      'manual-config-drift',
      'single-zone-failure',
      'quota-exhaustion',
      'terraform-state-conflict',
      'region-failure',
      'billing-spike',
      'cloud-provider-failure',
      'ddos-web-attacks',
      'dependency-vulnerabilities',
      'secrets-leakage-git',
      'insider-threat',
      'supply-chain-attack',
      'sql-injection',
      'sensitive-data-leakage',
      'accidental-db-deletion',
      'backup-restore-failure',
      'ransomware-corruption',
    ]);
    expect(register.milestones.map((m) => [m.number, m.id, m.scope.length])).toEqual([
      [10, 'milestone-gitops', 4],
      [11, 'milestone-supply-chain', 4],
      [12, 'milestone-multi-region', 4],
    ]);
    expect(register.goals.map((g) => g.title)).toHaveLength(3);
    expect(register.availability?.tiers.map((t) => [t.slo, t.requires])).toEqual([
      [99.9, { checks: ['gke.regional', 'sql.high-availability'], milestones: [] }],
      [99.99, { checks: [], milestones: ['milestone-multi-region'] }],
    ]);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const text = edit('title: Reliability, Security, and Roadmap', 'title: [Reliability');
    const [problem] = problems(text);
    expect(problem).toMatch(/^risks\.yaml:\d+:\d+: YAML /);
  });

  it('names a misspelt key, where it is, and what was meant', () => {
    const text = edit('    category: Self-Imposed\n', '    categroy: Self-Imposed\n');
    const line = lineOf(text, 'categroy');
    expect(problems(text)).toContain(
      `risks.yaml:${line}:5: risks.0.categroy: unknown key "categroy" (did you mean "category"?)`,
    );
  });

  it('rejects an impact that is not a number', () => {
    const text = edit('    impact: 3\n', '    impact: banana\n');
    const line = lineOf(text, 'impact: banana');
    expect(problems(text)).toEqual([
      `risks.yaml:${line}:13: risks.0.impact: must be one of 1 (Low), 2 (Med), 3 (High), 4 (Catastrophic), got "banana"`,
    ]);
  });

  it('rejects a probability outside the scale', () => {
    const text = edit('    probability: 3\n', '    probability: 7\n');
    const line = lineOf(text, 'probability: 7');
    expect(problems(text)).toEqual([
      `risks.yaml:${line}:18: risks.0.probability: must be one of 0.5 (V.Low), 1 (Low), 2 (Med), 3 (High), got 7`,
    ]);
  });

  it('rejects two risks with one id', () => {
    const text = edit('  - id: manual-config-drift', '  - id: bad-deployment');
    const line = lineOf(text, 'id: bad-deployment', 2);
    expect(problems(text)).toEqual([
      `risks.yaml:${line}:9: risks.1.id: duplicate risk id "bad-deployment" (first at index 0)`,
    ]);
  });

  it('rejects a reference to a milestone that does not exist', () => {
    const text = edit('    milestone: milestone-multi-region', '    milestone: milestone-moon');
    expect(problems(text)).toEqual([
      `risks.yaml:${lineOf(text, 'milestone-moon')}:16: risks.5.milestone: unknown milestone "milestone-moon"`,
    ]);
  });

  it('rejects an unknown check id', () => {
    const text = edit('checks: [billing.budget,', 'checks: [billing.budgett,');
    expect(problems(text)).toEqual([
      `risks.yaml:${lineOf(text, 'billing.budgett')}:16: risks.6.proposed.checks.0: unknown check "billing.budgett"`,
    ]);
  });

  it('rejects an attestation dated on a day the calendar does not have', () => {
    const text = edit(
      '      text: Canary (Cloud Deploy)\n',
      '      text: Canary (Cloud Deploy)\n      attestation: { by: sre, date: 2026-11-20, evidence: https://x.example/1, expires: 2027-02-31 }\n',
    );
    expect(problems(text)).toEqual([
      `risks.yaml:${lineOf(text, '2027-02-31')}:${lineColumn(text, '2027-02-31')}: risks.0.existing.attestation.expires: must be a day of the calendar (2027-02-31 is not one), got "2027-02-31"`,
    ]);
  });

  it('rejects a missing required field and a declared score', () => {
    const text = edit('    status: mitigated\n', '    score: 9\n');
    const found = problems(text);
    expect(found.some((p) => p.includes('risks.0.status: is required'))).toBe(true);
    expect(found.some((p) => p.includes('unknown key "score"'))).toBe(true);
  });

  it('names the path of a missing file', async () => {
    await expect(loadRegisterFile('/nonexistent/risks.yaml')).rejects.toMatchObject({
      problems: [
        { file: '/nonexistent/risks.yaml', line: 1, column: 1, message: 'cannot read register: no such file' },
      ],
    });
  });
});
