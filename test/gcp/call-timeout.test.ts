import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECK_IDS } from '../../src/checks/index.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { fetchWithDeadlines } from '../../src/gcp/call-timeout.js';
import type { World } from '../../src/gcp/world.js';
import { parseRegister } from '../../src/matrix/load.js';
import { emulate, liveAudit } from '../helpers/live.js';
import { REGISTER, WORLDS } from '../helpers/paths.js';

/** A fetch that hands back its signal and lets the test answer, fail or hang as it likes. */
function fakeFetch() {
  const seen: { signal?: AbortSignal } = {};
  let settle!: { resolve(v: unknown): void; reject(e: unknown): void };
  const fetch = vi.fn((_url: unknown, init?: { signal?: AbortSignal }) => {
    if (init?.signal) seen.signal = init.signal;
    return new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
  });
  return { fetch, seen, settle: () => settle };
}

describe('gtp owns the request timeout', () => {
  afterEach(() => vi.useRealTimers());

  it('an answer read in time: the request is never aborted, and its deadline is gone once the body is read', async () => {
    vi.useFakeTimers();
    const f = fakeFetch();
    const pending = fetchWithDeadlines(f.fetch, 1000)('https://x.googleapis.com/v1/a');
    await vi.advanceTimersByTimeAsync(0);
    let readBody!: (v: ArrayBuffer) => void;
    f.settle().resolve({ ok: true, arrayBuffer: () => new Promise<ArrayBuffer>((r) => (readBody = r)) });
    const response = (await pending) as { arrayBuffer(): Promise<ArrayBuffer> };
    expect(vi.getTimerCount()).toBe(1); // the body is not read yet: a body that stops half way is still bounded
    const body = response.arrayBuffer();
    readBody(new ArrayBuffer(2));
    expect((await body).byteLength).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
    expect(f.seen.signal!.aborted).toBe(false);
  });

  it('a request that fails: its deadline is gone with it', async () => {
    vi.useFakeTimers();
    const f = fakeFetch();
    const pending = fetchWithDeadlines(f.fetch, 1000)('u');
    await vi.advanceTimersByTimeAsync(0);
    f.settle().reject(new Error('ECONNRESET'));
    await expect(pending).rejects.toThrow('ECONNRESET');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('no answer in time, or a body that stops half way: the request is aborted as a timeout', async () => {
    vi.useFakeTimers();
    const hung = fakeFetch();
    void fetchWithDeadlines(hung.fetch, 1000)('u').catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1000);
    expect(hung.seen.signal!.aborted).toBe(true);
    expect((hung.seen.signal!.reason as Error).name).toBe('TimeoutError');
    const halfWay = fakeFetch();
    const pending = fetchWithDeadlines(halfWay.fetch, 1000)('u');
    await vi.advanceTimersByTimeAsync(0);
    halfWay.settle().resolve({ arrayBuffer: () => new Promise(() => undefined) });
    void ((await pending) as { arrayBuffer(): Promise<unknown> }).arrayBuffer();
    await vi.advanceTimersByTimeAsync(1000);
    expect(halfWay.seen.signal!.aborted).toBe(true);
  });

  it("the caller's own cancel still aborts the request", async () => {
    vi.useFakeTimers();
    const f = fakeFetch();
    const cancel = new AbortController();
    void fetchWithDeadlines(f.fetch, 1000)('u', { signal: cancel.signal }).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    cancel.abort(new Error('cancelled'));
    expect(f.seen.signal!.aborted).toBe(true);
    expect((f.seen.signal!.reason as Error).message).toBe('cancelled');
  });

  describe('through the official clients', () => {
    let emulator: RunningEmulator | undefined;
    afterEach(async () => {
      await emulator?.close();
      emulator = undefined;
    });

    it('no API call of an audit arms an AbortSignal.timeout (gax, gaxios, the Kubernetes reads)', async () => {
      const world = JSON.parse(readFileSync(`${WORLDS}reference-stack.json`, 'utf8')) as World;
      const { register } = parseRegister(readFileSync(REGISTER, 'utf8'), 'risks.yaml', { knownChecks: CHECK_IDS });
      emulator = await emulate({ world });
      const original = AbortSignal.timeout.bind(AbortSignal);
      const stacks: string[] = [];
      const timeouts = vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms) => {
        stacks.push(new Error().stack ?? '');
        return original(ms);
      });
      try {
        const { result } = await liveAudit(register);
        // The audit read through gax clients (Cloud SQL, Monitoring, GKE, …) and judged from what it read.
        expect(result.checks.find((c) => c.id === 'sql.pitr')!.outcome).toBe('pass');
        // What is left is the credentials' own token fetch from the metadata server, once: not an API call.
        expect(stacks.filter((s) => !/Compute\.refreshToken/.test(s))).toEqual([]);
        expect(stacks.length).toBeLessThanOrEqual(1);
      } finally {
        timeouts.mockRestore();
      }
    });
  });
});
