import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSeconds, parseDuration } from '../../src/util/duration.js';
import { judge } from '../../src/drill/expectations.js';
import { loadVerificationSpec, type Expectation } from '../../src/drill/verify-spec.js';
import { InputError } from '../../src/util/errors.js';
import { ROOT } from '../helpers/paths.js';
import { scratchDir } from '../helpers/scratch.js';

const POINT = new Date('2026-11-26T03:00:00Z');

const cases: [string, Expectation, Record<string, unknown>[], 'pass' | 'fail', string][] = [
  ['enough rows', { minRows: 2 }, [{ id: 1 }, { id: 2 }], 'pass', '2 row(s)'],
  ['too few rows', { minRows: 3 }, [{ id: 1 }], 'fail', '1 row(s)'],
  ['a count at least N (pg returns bigint as text)', { atLeast: 200 }, [{ count: '250' }], 'pass', '250'],
  ['a count below N', { atLeast: 200 }, [{ count: '12' }], 'fail', '12'],
  ['atLeast on something that is not a number', { atLeast: 1 }, [{ v: 'many' }], 'fail', 'many'],
  ['atLeast on NULL', { atLeast: 0 }, [{ v: null }], 'fail', 'NULL'],
  ['atLeast with no rows', { atLeast: 0 }, [], 'fail', 'no rows'],
  ['an exact value', { equals: '20261115' }, [{ version: '20261115' }], 'pass', '20261115'],
  ['an exact number compares as text', { equals: 3 }, [{ n: 3 }], 'pass', '3'],
  ['a different value', { equals: '20261115' }, [{ version: '20261101' }], 'fail', '20261101'],
  ['equals with no rows', { equals: 'x' }, [], 'fail', 'no rows'],
  [
    'fresh: an hour before the restore point, within 2h',
    { freshWithin: '2h' },
    [{ max: new Date('2026-11-26T02:00:00Z') }],
    'pass',
    '1h before it',
  ],
  [
    'stale: a day before the restore point',
    { freshWithin: '2h' },
    [{ max: new Date('2026-11-25T03:00:00Z') }],
    'fail',
    '1d before it',
  ],
  ['a timestamp as text', { freshWithin: '1d' }, [{ max: '2026-11-26T01:00:00Z' }], 'pass', '2h before it'],
  [
    'later than the restore point (a clone taken after it) is fresh',
    { freshWithin: '1h' },
    [{ max: new Date('2026-11-26T04:00:00Z') }],
    'pass',
    'at or after the restore point',
  ],
  ['NULL is not fresh', { freshWithin: '1d' }, [{ max: null }], 'fail', 'not a timestamp'],
  ['no rows is not fresh', { freshWithin: '1d' }, [], 'fail', 'no rows'],
];

describe('expectations', () => {
  it.each(cases)('%s', (_name, expectation, rows, outcome, actual) => {
    const judged = judge(expectation, rows, POINT);
    expect(judged.outcome).toBe(outcome);
    expect(judged.actual).toContain(actual);
  });
});

describe('durations', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['7d', 604_800_000],
    ['1.5h', 5_400_000],
  ])('%s', (text, ms) => {
    expect(parseDuration(text as string)).toBe(ms);
  });
  it.each(['', 'soon', '10', '-5m', '0s', '5 minutes'])('rejects "%s"', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
  it('formats figures for people', () => {
    expect([0, 59, 252, 3600, 90061].map(formatSeconds)).toEqual(['0s', '59s', '4m 12s', '1h', '1d 1h 1m 1s']);
  });
});

describe('the verification file', () => {
  const file = (text: string) => {
    const path = join(scratchDir('gtp-verify-'), 'checks.yaml');
    writeFileSync(path, text);
    return path;
  };
  const problems = async (text: string) => {
    const path = file(text);
    const error = await loadVerificationSpec(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
  };

  it('the shipped example loads', async () => {
    const spec = await loadVerificationSpec(join(ROOT, 'examples/drill/verify.yaml'));
    expect(spec.checks.length).toBeGreaterThan(0);
  });

  it('a misspelt key: line, column, field and a suggestion', async () => {
    expect(
      await problems('database: orders\nchecks:\n  - name: n\n    sql: SELECT 1\n    expect: { minRow: 1 }\n'),
    ).toEqual([
      '5:13: checks.0.expect: give exactly one of minRows, atLeast, equals, freshWithin, got {"minRow":1}',
      '5:15: checks.0.expect.minRow: unknown key "minRow" (did you mean "minRows"?)',
    ]);
  });

  it('two expectations in one check', async () => {
    expect(
      await problems(
        'database: orders\nchecks:\n  - name: n\n    sql: SELECT 1\n    expect: { minRows: 1, equals: 1 }\n',
      ),
    ).toEqual([
      '5:13: checks.0.expect: give exactly one of minRows, atLeast, equals, freshWithin, got {"minRows":1,"equals":1}',
    ]);
  });

  it('a freshness bound that is not a duration', async () => {
    const found = await problems(
      'database: orders\nchecks:\n  - name: n\n    sql: SELECT now()\n    expect: { freshWithin: soon }\n',
    );
    expect(found).toEqual(['5:28: checks.0.expect.freshWithin: must be a duration such as 90m, 24h or 2d, got "soon"']);
  });

  it('no checks, no database', async () => {
    expect(await problems('checks: []\n')).toEqual(
      expect.arrayContaining([expect.stringContaining('database: required string is missing')]),
    );
  });

  it('a file that is not there', async () => {
    await expect(loadVerificationSpec('/nonexistent/checks.yaml')).rejects.toThrow(
      'cannot read verification file /nonexistent/checks.yaml: no such file',
    );
  });
});
