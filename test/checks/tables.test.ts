import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { CHECKS } from '../../src/checks/index.js';
import type { Outcome } from '../../src/checks/types.js';
import { expectCase } from '../helpers/check-table.js';
import { TABLES } from './tables/index.js';

const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'not-applicable', 'error'];

/** Outcomes a check cannot have, and why: stated here so that a missing case is never silent. */
const IMPOSSIBLE: Record<string, Partial<Record<Outcome, string>>> = {
  'monitoring.quota-alert': {
    'not-applicable': 'every project has quotas: with no alert policy on them the check fails, it never does not apply',
  },
  'iam.data-access-logs': {
    'not-applicable': 'every project has an IAM policy, and its audit configs are either there or missing',
  },
};

/** A case of another shape (a misspelt key, a verdict that is not one) is a defect of the table, not a pass. */
const caseSchema = z.strictObject({
  name: z.string().min(1),
  world: z.record(z.string(), z.unknown()),
  outcome: z.enum(['pass', 'fail', 'not-applicable', 'error']),
  verdicts: z.record(z.string(), z.enum(['pass', 'fail', 'not-applicable'])).optional(),
  mentions: z.array(z.string().min(1)).optional(),
  resources: z.record(z.string(), z.unknown()).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  now: z.date().optional(),
  peers: z.array(z.unknown()).optional(),
  evidence: z.string().optional(),
  files: z.record(z.string(), z.string()).optional(),
});

describe('the check tables', () => {
  it('every check in the catalogue has exactly one table, and every table is of a catalogued check', () => {
    const ids = TABLES.map(([check]) => check.id).sort();
    expect(ids).toEqual(CHECKS.map((c) => c.id).sort());
  });

  it.each(CHECKS.map((c) => [c.id] as const))(
    '%s: pass, fail, not-applicable and error cases, or a stated reason why one cannot happen',
    (id) => {
      const cases = TABLES.find(([check]) => check.id === id)?.[1] ?? [];
      const impossible = IMPOSSIBLE[id] ?? {};
      for (const outcome of OUTCOMES) {
        const covered = cases.some((c) => c.outcome === outcome);
        const reason = impossible[outcome];
        expect(covered || (reason !== undefined && reason.length > 20), `${id} has no ${outcome} case`).toBe(true);
        expect(covered && reason !== undefined, `${id}: a ${outcome} case and a reason it cannot happen`).toBe(false);
      }
    },
  );

  it.each(TABLES.map(([check, cases]) => [check.id, cases] as const))(
    '%s: cases are well formed and named once',
    (_id, cases) => {
      for (const c of cases) expect(() => caseSchema.parse(c), c.name).not.toThrow();
      const names = cases.map((c) => c.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    },
  );
});

for (const [check, cases] of TABLES) {
  describe(check.id, () => {
    it.each(cases)('$name → $outcome', async (c) => expectCase(check, c, expect));
  });
}
