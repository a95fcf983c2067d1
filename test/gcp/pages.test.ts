import { describe, expect, it } from 'vitest';
import { allPages, EndlessList } from '../../src/gcp/pages.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('following pages, bounded in count and in time', () => {
  it('every page, in order, until a page has no token', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = {
      '': { items: [1, 2], next: 'b' },
      b: { items: [3], next: 'c' },
      c: { items: [4] },
    };
    expect(
      await allPages(async (token) => ({ items: pages[token ?? '']!.items, next: pages[token ?? '']!.next })),
    ).toEqual([1, 2, 3, 4]);
  });

  it('a token served twice is a list that does not end', async () => {
    await expect(allPages(async () => ({ items: [1], next: 'same' }))).rejects.toThrow(/page token "same" twice/);
  });

  it('a new token every time, each page slow (a rate quota): incomplete within the deadline, not after hours', async () => {
    let pages = 0;
    const endless = allPages(async () => {
      await sleep(5);
      return { items: [pages], next: `token-${++pages}` };
    }, 60);
    await expect(endless).rejects.toThrow(EndlessList);
    await expect(endless).rejects.toThrow(/did not end within 60 ms \(\d+ pages, each with a new token\): incomplete/);
    expect(pages).toBeLessThan(30);
  });
});
