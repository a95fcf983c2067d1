import { describe, expect, it } from 'vitest';
import { classifyError, isRetryable, rateLimitOf } from '../../src/gcp/errors.js';
import { QuotaPacer, RateWindow } from '../../src/gcp/quota.js';
import { ROUTES } from '../../src/gcp/routes.js';
import { rateLimitExceeded } from '../../src/emulator/quotas.js';

/** Google's error as gax's REST transport carries it: the body in the message. */
const gaxError = (body: unknown) => Object.assign(new Error(JSON.stringify(body)), {});

describe('RateWindow: never more than the limit in any window', () => {
  for (const perWindow of [1, 3, 20, 240, 1500])
    it(`${perWindow} per window, asked for as fast as possible`, () => {
      let now = 0;
      const window = new RateWindow(perWindow, 1_000, () => now);
      const times: number[] = [];
      for (let i = 0; i < perWindow * 5; i++) times.push(now + window.reserve());
      // Every sliding window of 1,000 ms, starting at each request, holds at most perWindow requests.
      for (const start of times)
        expect(times.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(perWindow);
      // And the limit is used: five windows' worth takes five windows at the limit less its reserve (2 %, at least
      // one slot). The burst costs nothing here; folded into the interval it would cost its share of every window.
      const allowed = perWindow - Math.max(1, Math.ceil(perWindow * 0.02));
      if (perWindow >= 20) expect(times.at(-1)!).toBeLessThanOrEqual(((perWindow * 5 - 1) / allowed) * 1_000 + 1e-6);
      now = 0;
    });

  it('requests that come in bursts between idle spells: still never more than the limit in any window', () => {
    const perWindow = 240;
    let now = 0;
    const window = new RateWindow(perWindow, 1_000, () => now);
    const times: number[] = [];
    // A fixed pattern (no randomness): idle gaps of 0 to 1.3 windows, then 1 to 400 requests at once.
    for (let round = 0; round < 60; round++) {
      now += ((round * 37) % 14) * 100;
      for (let i = 0; i < 1 + ((round * 131) % 400); i++) times.push(now + window.reserve());
      now = Math.max(now, times.at(-1)!);
    }
    const sorted = [...times].sort((a, b) => a - b);
    for (let i = perWindow; i < sorted.length; i++)
      expect(sorted[i]! - sorted[i - perWindow]!).toBeGreaterThanOrEqual(1_000);
    // A burst after an idle window goes at once, up to a twentieth of the limit.
    now = sorted.at(-1)! + 5_000;
    const burst = Array.from({ length: perWindow / 20 }, () => window.reserve());
    expect(burst.every((wait) => wait === 0)).toBe(true);
    expect(window.reserve()).toBeGreaterThan(0);
  });

  it('a lowered limit holds from the next request on', () => {
    const now = 0;
    const window = new RateWindow(240, 1_000, () => now);
    const times: number[] = [];
    for (let i = 0; i < 300; i++) times.push(now + window.reserve());
    window.setLimit(40);
    const after = times.length;
    for (let i = 0; i < 200; i++) times.push(now + window.reserve());
    // Counted with the requests just before it, no window after the change holds more than 40 of the new ones.
    for (let i = after + 40; i < times.length; i++) expect(times[i]! - times[i - 40]!).toBeGreaterThanOrEqual(1_000);
  });
});

describe('rate-quota answers', () => {
  const [, tooMany] = rateLimitExceeded('sqladmin.googleapis.com', 'projects/q', 40);
  const [, computeLimited] = rateLimitExceeded('compute.googleapis.com', 'projects/p', 1500);

  it('a 429 with ErrorInfo names the limit; it is retried, and is no permission problem', () => {
    const error = gaxError(tooMany);
    expect(rateLimitOf(error)).toEqual({
      limit: 40,
      unit: '1/min/{project}',
      limitName: 'ReadRequestsPerMinutePerProject',
    });
    expect(isRetryable(error)).toBe(true);
    expect(classifyError(error).kind).toBe('unavailable');
  });

  it("Compute's 403 rateLimitExceeded is a rate quota, not a missing permission", () => {
    const error = Object.assign(gaxError(computeLimited), { code: 7 });
    expect(rateLimitOf(error)).toEqual({});
    expect(isRetryable(error)).toBe(true);
    expect(classifyError(error).kind).toBe('unavailable');
  });

  it('a real permission denial is not taken for a quota', () => {
    const denied = gaxError({
      error: { code: 403, status: 'PERMISSION_DENIED', message: "Permission 'x.y.z' denied" },
    });
    expect(rateLimitOf(denied)).toBeUndefined();
    expect(classifyError(denied).kind).toBe('permission-denied');
  });
});

describe('QuotaPacer', () => {
  it('one bucket per project read for a resource-based API, one for the quota project otherwise', async () => {
    const pacer = new QuotaPacer({ quotaProject: 'audit-quota', now: () => 0 });
    await pacer.acquire(ROUTES.backendServices, { project: 'a' });
    await pacer.acquire(ROUTES.backendServices, { project: 'b' });
    await pacer.acquire(ROUTES.sqlInstances, { project: 'a' });
    await pacer.acquire(ROUTES.sqlInstances, { project: 'b' });
    expect(pacer.report()).toEqual([
      { service: 'compute.googleapis.com', chargedTo: 'each project read', perMinute: 1500, calls: 2, rateLimited: 0 },
      {
        service: 'sqladmin.googleapis.com',
        chargedTo: 'projects/audit-quota',
        perMinute: 500,
        calls: 2,
        rateLimited: 0,
      },
    ]);
    expect(pacer.floorMs()).toBeCloseTo((2 / 500) * 60_000);
  });

  it('learns the limit a rate-quota answer names, and lowers by a third when it names none', () => {
    const pacer = new QuotaPacer({ now: () => 0 });
    pacer.learn(
      ROUTES.sqlInstances,
      { project: 'a' },
      gaxError(rateLimitExceeded('sqladmin.googleapis.com', 'c', 40)[1]),
    );
    pacer.learn(
      ROUTES.backendServices,
      { project: 'a' },
      gaxError(rateLimitExceeded('compute.googleapis.com', 'c', 9)[1]),
    );
    pacer.learn(ROUTES.sqlInstances, { project: 'a' }, new Error('socket hang up'));
    const byService = Object.fromEntries(pacer.report().map((b) => [b.service, b]));
    expect(byService['sqladmin.googleapis.com']).toMatchObject({ perMinute: 40, rateLimited: 1 });
    expect(byService['compute.googleapis.com']).toMatchObject({ perMinute: 1000, rateLimited: 1 });
    expect(pacer.perApi()['sqladmin.googleapis.com']).toEqual({ calls: 0, rateLimited: 1 });
  });
});
