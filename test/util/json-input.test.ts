import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { checkEach, parseJsonFile } from '../../src/util/json-input.js';
import { InputError } from '../../src/util/errors.js';

const item = z.strictObject({ id: z.string(), gate: z.enum(['passed', 'failed']) });

describe('JSON input, checked', () => {
  it('a list checked element by element names the bad one as list[i].field, its value kept out', () => {
    const list: unknown[] = [
      { id: 'a', gate: 'passed' },
      { id: 'b', gate: '\u001b[31mpwned' },
    ];
    expect(() => checkEach('org-audit.json', list, 'projects', item)).toThrow(InputError);
    expect(() => checkEach('org-audit.json', list, 'projects', item)).toThrow(
      /^org-audit\.json: projects\[1\]\.gate: /,
    );
    expect(() => checkEach('org-audit.json', list, 'projects', item)).not.toThrow(/pwned/);
  });

  it('a good list comes back checked, in place: one list, never a second copy of it', () => {
    const list: unknown[] = [{ id: 'a', gate: 'passed' }];
    const checked = checkEach('f.json', list, 'projects', item);
    expect(checked).toBe(list);
    expect(checked).toEqual([{ id: 'a', gate: 'passed' }]);
  });

  it('a file that is not JSON, or does not fit, says so with the file name', () => {
    expect(() => parseJsonFile('plan.json', '{', item)).toThrow(/^plan\.json: not JSON: /);
    expect(() => parseJsonFile('plan.json', '{"id":"a"}', item)).toThrow(/^plan\.json: gate: /);
  });
});
