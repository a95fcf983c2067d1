import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/audit/result.js';
import { parseKeep, prune } from '../../src/history/prune.js';
import { recordRun } from '../../src/history/record.js';
import { openStore } from '../../src/history/store.js';
import { InputError } from '../../src/util/errors.js';

/** The least of a report the store keeps: one risk, one check, judged at `at`. */
const result = (at: string) =>
  ({
    schemaVersion: 1,
    generatedAt: at,
    asOf: { time: at, basis: 'given' },
    project: 'acme-prod',
    source: 'snapshot',
    risks: [
      {
        id: 'bad-deployment',
        status: 'mitigated',
        declaredStatus: 'mitigated',
        drift: false,
        inherentScore: 6,
        residualScore: 3,
      },
    ],
    checks: [{ id: 'deploy.canary', outcome: 'pass', resources: [] }],
  }) as unknown as AuditResult;

describe('gtp history prune', () => {
  it('removes the audits judged before the retention, with their risks and checks, and keeps the rest', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'gtp-prune-')), 'h.sqlite'));
    try {
      for (const at of ['2025-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'])
        recordRun(store, result(at), { registerText: 'r', gate: 'passed', recordedAt: new Date(at) });
      expect(prune(store, 400, new Date('2026-07-01T00:00:00Z'))).toEqual({
        removed: 1,
        cutoff: '2025-05-27T00:00:00.000Z',
      });
      const count = (table: string) =>
        (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect([count('runs'), count('risk_results'), count('check_results')]).toEqual([2, 2, 2]);
    } finally {
      store.close();
    }
  });

  it('--keep takes a number of days', () => {
    expect(parseKeep('400d')).toBe(400);
    for (const bad of ['400', '0d', '1y', '-3d']) expect(() => parseKeep(bad)).toThrow(InputError);
  });
});
