import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { declaredReport } from '../../src/audit/apply.js';
import { CHECK_IDS } from '../../src/checks/index.js';
import { parseRegister } from '../../src/matrix/load.js';
import { RENDERERS } from '../../src/report/index.js';
import { REGISTER, ROOT } from '../helpers/paths.js';

const loaded = parseRegister(readFileSync(REGISTER, 'utf8'), 'risks.yaml', { knownChecks: CHECK_IDS });
const { register } = loaded;
const seed = readFileSync(`${ROOT}test/fixtures/seed.md`, 'utf8');

/** The three risk tables of a Markdown document: each heading line with the table rows under it. */
function riskTables(markdown: string): string[][] {
  const tables: string[][] = [];
  const lines = markdown.split('\n');
  lines.forEach((line, i) => {
    if (line.startsWith('#### ') && lines[i + 1]?.startsWith('| Risk Category')) {
      const rows = [line.trim()];
      for (let j = i + 1; lines[j]?.startsWith('|'); j++) rows.push(lines[j]!.trim());
      tables.push(rows);
    }
  });
  return tables;
}

describe('gtp report from the register alone', () => {
  const result = declaredReport(register, new Date('2026-11-26T00:00:00Z'));
  const ctx = { register, result, registerFile: 'risks.yaml', locate: loaded.locate, gateFailures: new Map() };

  it("reproduces the seed's three risk tables cell for cell", () => {
    const expected = riskTables(seed);
    expect(expected).toHaveLength(3);
    expect(riskTables(RENDERERS.md(ctx))).toEqual(expected);
  });

  it('keeps milestones and the nines estimate', () => {
    const md = RENDERERS.md(ctx);
    for (const text of [
      '#### 10. GitOps & Automation (`milestone-gitops`)',
      'Enforce "Binary Authorization" (only signed images can run).',
      '**Current State**: ~99.9% (Regional HA). Downtime allowed: ~43m / month.',
      '**With Multi-Region**: ~99.99%',
    ]) {
      expect(md).toContain(text);
    }
    expect(md).not.toContain('## Evidence');
  });

  it('renders JSON that follows the published schema, with computed scores', () => {
    const json = JSON.parse(RENDERERS.json(ctx));
    const schema = JSON.parse(readFileSync(`${ROOT}schema/report.schema.json`, 'utf8'));
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.source).toBe('declared');
    expect(json.risks.find((r: { id: string }) => r.id === 'cloud-provider-failure').inherentScore).toBe(2);
    expect(json.risks.every((r: { status: string }) => r.status === 'declared')).toBe(true);
    expect(json.summary).toMatchObject({ risks: 18, declared: 18, drift: 0, maxResidualScore: 9 });
    // Nothing was probed, so no tier is supported by evidence yet; the first one names what it needs.
    expect(json.availability).toMatchObject({
      tier: null,
      next: { tier: 'regional-ha', downtimeMinutesPerMonth: 43.8, missing: ['gke.regional', 'sql.high-availability'] },
    });
    expect(json.milestones.map((m: { number: number; total: number }) => [m.number, m.total])).toEqual([
      [10, 4],
      [11, 4],
      [12, 4],
    ]);
  });
});
