import { formatSeconds, parseDuration } from '../util/duration.js';
import type { Expectation } from './verify-spec.js';
import type { VerificationResult } from '../evidence/record.js';

type Judged = Omit<VerificationResult, 'name'>;

/**
 * Judges a query's rows against an expectation. Freshness is measured from the restore point, not from now: a
 * restored backup is as old as the backup, and what matters is whether writes up to that moment are present.
 */
export function judge(expect: Expectation, rows: readonly Record<string, unknown>[], restorePoint: Date): Judged {
  const first = rows.length > 0 ? Object.values(rows[0]!)[0] : undefined;
  if (expect.minRows !== undefined) {
    return {
      outcome: rows.length >= expect.minRows ? 'pass' : 'fail',
      expected: `at least ${expect.minRows} row(s)`,
      actual: `${rows.length} row(s)`,
    };
  }
  if (expect.atLeast !== undefined) {
    const value = first === null || first === undefined ? NaN : Number(first);
    const actual = rows.length === 0 ? 'no rows' : show(first);
    return {
      outcome: !Number.isNaN(value) && value >= expect.atLeast ? 'pass' : 'fail',
      expected: `a value of at least ${expect.atLeast}`,
      actual,
    };
  }
  if (expect.equals !== undefined) {
    const actual = rows.length === 0 ? 'no rows' : show(first);
    return {
      outcome: rows.length > 0 && show(first) === String(expect.equals) ? 'pass' : 'fail',
      expected: String(expect.equals),
      actual,
    };
  }
  const bound = parseDuration(expect.freshWithin!)!;
  const expected = `a timestamp at most ${expect.freshWithin} before the restore point ${restorePoint.toISOString()}`;
  const at = first instanceof Date ? first : typeof first === 'string' ? new Date(first) : undefined;
  if (!at || Number.isNaN(at.getTime()))
    return { outcome: 'fail', expected, actual: rows.length === 0 ? 'no rows' : `not a timestamp: ${show(first)}` };
  const age = restorePoint.getTime() - at.getTime();
  return {
    outcome: age <= bound ? 'pass' : 'fail',
    expected,
    actual: `${at.toISOString()} (${age <= 0 ? 'at or after the restore point' : `${formatSeconds(age / 1000)} before it`})`,
  };
}

function show(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return 'NULL';
  return String(value);
}
