import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NotSplittable, splitTopLevelArray } from '../../src/util/json-array-split.js';
import { scratchDir } from '../helpers/scratch.js';

const dir = scratchDir('gtp-split-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** The split's reading of `text`: the elements it handed over, parsed, and the rest of the document, parsed. */
async function split(text: string, key = 'projects', chunk?: number) {
  const file = join(dir, `${n++}.json`);
  writeFileSync(file, text);
  const elements: unknown[] = [];
  const rest = await splitTopLevelArray(
    file,
    key,
    (t, i) => {
      expect(i).toBe(elements.length);
      elements.push(JSON.parse(t));
    },
    chunk,
  );
  return { elements, rest: JSON.parse(rest) as Record<string, unknown> };
}

describe('splitTopLevelArray reads what JSON.parse reads, an element at a time', () => {
  it.each<[string, string]>([
    ['pretty, as gtp writes it', JSON.stringify({ a: 1, projects: [{ id: 'p1' }, { id: 'p2' }], z: [1] }, null, 2)],
    ['compact', JSON.stringify({ projects: [{ id: 'p1', n: [1, [2, { x: ']' }]] }, 'two', 3, null, true] })],
    [
      'brackets, braces, commas and quotes inside strings',
      JSON.stringify({ projects: ['a,]}"\\[{', { '"k,': '\\",' }] }),
    ],
    [
      'the key as a value elsewhere, and nested keys of that name',
      JSON.stringify({ x: 'projects', y: { projects: [9] }, projects: [{ projects: [1] }] }),
    ],
    ['an escaped key', '{"proj\\u0065cts": [1, 2], "b": "\\"projects\\": [3]"}'],
    ['non-ASCII text', JSON.stringify({ projects: [{ name: 'prüfung — 試験 🚀' }], after: 'ü' })],
    ['an empty list', '{ "projects" : [ ] , "b" : 1 }'],
    ['whitespace of every kind', '\r\n\t{\t"projects"\n:\r[\n1\n,\t2\r]\n}\n'],
  ])('%s', async (_name, text) => {
    const expected = JSON.parse(text) as { projects: unknown[] } & Record<string, unknown>;
    // Small chunks put every boundary inside a string, a key, an escape and a multi-byte character somewhere.
    for (const chunk of [undefined, 1, 3, 7]) {
      const { elements, rest } = await split(text, 'projects', chunk);
      expect(elements).toEqual(expected.projects);
      expect(rest).toEqual({ ...expected, projects: [] });
    }
  });

  it.each<[string, string]>([
    ['a top level that is an array', '[{"projects": [1]}]'],
    ['no such key', '{"other": [1]}'],
    ['the key with a value that is not a list', '{"projects": {"a": 1}}'],
    ['the key twice (JSON.parse keeps the last)', '{"projects": [1], "projects": [2]}'],
    ['the key twice, once escaped', '{"projects": [1], "proj\\u0065cts": []}'],
    ['an empty element', '{"projects": [1,,2]}'],
    ['a trailing comma', '{"projects": [1, 2,]}'],
    ['a leading comma', '{"projects": [, 1]}'],
    ['a document that does not close', '{"projects": [1, 2]'],
    ['a string that does not close', '{"projects": ["a]}'],
    ['two documents', '{"projects": []} {}'],
    ['a bracket that closes nothing', '{"projects": []}]'],
  ])('%s is left to JSON.parse whole', async (_name, text) => {
    await expect(split(text)).rejects.toBeInstanceOf(NotSplittable);
  });

  it('what the split cannot judge, JSON.parse does: a broken element is handed over as text and fails to parse', async () => {
    await expect(split('{"projects": [{"a": 1} {"b": 2}]}')).rejects.toThrow(SyntaxError);
    await expect(split('{"projects": [{"a" 1}]}')).rejects.toThrow(SyntaxError);
  });
});
