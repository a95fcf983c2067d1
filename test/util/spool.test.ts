import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { FileSpool, MemorySpool, type Spool } from '../../src/util/spool.js';

const spools = () => readdirSync(tmpdir()).filter((name) => name.startsWith('gtp-spool-'));

describe.each([
  ['on disk', () => new FileSpool()],
  ['in memory', () => new MemorySpool()],
] as [string, () => Spool][])('a spool %s', (_where, open) => {
  it('gives back each text as written, whatever it holds, in any order', () => {
    const spool = open();
    const texts = ['{"a":1}', '', 'ünïcödé ✓ 日本語 \u2028', '\u001b]0;x\u0007', 'x'.repeat(200_000)];
    const slices = texts.map((t) => spool.append(t));
    for (const i of [4, 0, 3, 1, 2]) expect(spool.read(slices[i]!)).toBe(texts[i]);
    spool.close();
  });
});

describe('a spool on disk', () => {
  it('is a file only its owner may read, in a directory of its own, removed when closed', () => {
    const before = new Set(spools());
    const spool = new FileSpool();
    const mine = spools().filter((name) => !before.has(name));
    expect(mine).toHaveLength(1);
    const file = `${tmpdir()}/${mine[0]}/spool`;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    spool.append('held');
    spool.close();
    expect(existsSync(`${tmpdir()}/${mine[0]}`)).toBe(false);
    // Closing twice is harmless; reading a closed spool is an error, never an empty text.
    spool.close();
    expect(() => spool.read({ offset: 0, length: 4 })).toThrow();
  });
});
