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
      // And the limit is used: five windows' worth takes little more than five windows (a small limit keeps one
      // slot in reserve, which is a larger share of it).
      if (perWindow >= 20) expect(times.at(-1)!).toBeLessThan(5_000 * 1.15);
      now = 0;
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
