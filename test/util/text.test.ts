import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/util/text.js';

describe('compareText', () => {
  it('orders by code unit, the same on every machine, not by a locale', () => {
    const words = ['b', 'SEVERITY_UNSPECIFIED', 'a', 'B', 'SEVERITYX', 'é', 'A'];
    expect([...words].sort(compareText)).toEqual(['A', 'B', 'SEVERITYX', 'SEVERITY_UNSPECIFIED', 'a', 'b', 'é']);
    // A locale puts lower case first among equals and punctuation before letters; gtp's reports must not move.
    expect([...words].sort((x, y) => x.localeCompare(y, 'en'))).not.toEqual([...words].sort(compareText));
  });

  it('says equal only for equal text', () => {
    expect(compareText('x', 'x')).toBe(0);
    expect(compareText('x', 'y')).toBeLessThan(0);
    expect(compareText('y', 'x')).toBeGreaterThan(0);
  });
});
