import { describe, expect, it } from 'vitest';
import { ageOffsetMs, CAPTURED_AT_KEY, servedAt, shiftTimestamp, shiftTimestamps } from '../../src/gcp/world-time.js';

const DAY = 86_400_000;

describe('shifting a world in time', () => {
  it.each([
    ['2026-11-24T08:00:00Z', '2026-11-25T08:00:00Z'],
    ['2026-11-24T08:00:00.000Z', '2026-11-25T08:00:00.000Z'],
    ['2026-11-24T08:00:00.5Z', '2026-11-25T08:00:00.5Z'],
    ['2026-11-24T08:00:00.123456Z', '2026-11-25T08:00:00.123456Z'],
    ['2026-11-24T08:00:00.123456789+01:00', '2026-11-25T07:00:00.123456789Z'],
    ['2026-12-31T23:59:59Z', '2027-01-01T23:59:59Z'],
  ])('%s moves one day to %s, keeping its precision', (from, to) => {
    expect(shiftTimestamp(from, DAY)).toBe(to);
  });

  it('leaves every value that is not an RFC 3339 date-time alone', () => {
    for (const text of [
      '2026-11-24',
      '1764126000000',
      'projects/p/findings/2026-11-24T08:00:00Z',
      '2026-11-24 08:00:00Z',
      '',
    ])
      expect(shiftTimestamp(text, DAY)).toBe(text);
    expect(shiftTimestamps({ '2026-11-24T08:00:00Z': 1, n: 5, b: true, z: null }, DAY)).toEqual({
      '2026-11-24T08:00:00Z': 1,
      n: 5,
      b: true,
      z: null,
    });
  });

  it('serves a captured world as old at any day as it was at capture', () => {
    const world = {
      [CAPTURED_AT_KEY]: '2026-11-26T06:00:00.000Z',
      'x/findings': [{ finding: { createTime: '2026-11-24T06:00:00Z' } }],
    };
    const later = new Date('2028-01-01T00:00:00Z');
    const served = servedAt(world, later);
    expect(served[CAPTURED_AT_KEY]).toBe('2028-01-01T00:00:00.000Z');
    expect(served['x/findings']).toEqual([{ finding: { createTime: '2027-12-30T00:00:00Z' } }]);
    expect(world['x/findings']).toEqual([{ finding: { createTime: '2026-11-24T06:00:00Z' } }]);
  });

  it('does not move a world that records no capture time', () => {
    const world = { 'x/findings': [{ finding: { createTime: '2026-11-24T06:00:00Z' } }] };
    expect(ageOffsetMs(world, new Date('2030-01-01T00:00:00Z'))).toBe(0);
    expect(servedAt(world, new Date('2030-01-01T00:00:00Z'))).toBe(world);
  });
});
