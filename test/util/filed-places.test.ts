import { describe, expect, it } from 'vitest';
import { FiledPlaces, KeyNumbers } from '../../src/util/filed-places.js';

describe('FiledPlaces: pairs filed under keys, read back by key in the order they were filed', () => {
  it('groups each key’s pairs in filing order, however the keys interleave', () => {
    const places = new FiledPlaces(new KeyNumbers());
    const filed: [string, number, number][] = [
      ['projects/2', 0, 10],
      ['projects/1', 10, 5],
      ['projects/2', 15, 7],
      ['projects/3', -1, 0],
      ['projects/1', 22, 1],
      ['projects/2', 23, 2 ** 40], // a place past 2 GiB reads back exactly
    ];
    for (const [key, a, b] of filed) places.file(key, a, b);
    places.seal();
    for (const key of ['projects/1', 'projects/2', 'projects/3'])
      expect([...places.pairsOf(key)]).toEqual(filed.filter(([k]) => k === key).map(([, a, b]) => [a, b]));
    expect(places.has('projects/2')).toBe(true);
    expect(places.has('projects/9')).toBe(false);
    expect([...places.pairsOf('projects/9')]).toEqual([]);
  });

  it('keys numbered by another list, after this one was sealed or with nothing here, have nothing here', () => {
    const keys = new KeyNumbers();
    const first = new FiledPlaces(keys);
    const second = new FiledPlaces(keys);
    first.file('projects/1', 1, 1);
    second.file('projects/2', 2, 2);
    first.seal();
    second.file('projects/3', 3, 3);
    second.seal();
    expect(first.has('projects/2')).toBe(false);
    expect(first.has('projects/3')).toBe(false);
    expect([...second.pairsOf('projects/3')]).toEqual([[3, 3]]);
    expect(second.has('projects/1')).toBe(false);
  });

  it('an empty list, and a list read before it is sealed or filed after, which would be a bug', () => {
    const places = new FiledPlaces(new KeyNumbers());
    expect(() => places.has('projects/1')).toThrow('read before the list was sealed');
    places.seal();
    expect(places.has('projects/1')).toBe(false);
    expect(() => places.file('projects/1', 0, 1)).toThrow('filed after the list was sealed');
    expect(places.seal()).toBe(places);
  });
});
