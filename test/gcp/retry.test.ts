import { describe, expect, it } from 'vitest';
import { classifyError, isRetryable, isUnanswered, TimeoutError } from '../../src/gcp/errors.js';
import { createLimiter, withRetry } from '../../src/gcp/retry.js';

const policy = { attempts: 4, initialDelayMs: 1, maxDelayMs: 2, attemptTimeoutMs: 50 };

/** A function that throws the given errors in turn, then returns "ok". */
function flaky(errors: unknown[]) {
  let calls = 0;
  const fn = async () => {
    calls++;
    if (errors.length > 0) throw errors.shift();
    return 'ok';
  };
  return { fn, calls: () => calls };
}

const http = (status: number, body?: object) =>
  Object.assign(new Error(body ? JSON.stringify(body) : `status ${status}`), { code: status, status });
const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('retries', () => {
  it.each([
    ['429', http(429)],
    ['503', http(503, { error: { code: 503, status: 'UNAVAILABLE', message: 'try later' } })],
    ['500', http(500)],
    ['a connection reset', reset],
    ['a reset wrapped as the cause', Object.assign(new Error('request failed'), { cause: reset })],
  ])('retries %s, then succeeds', async (_name, error) => {
    expect(isRetryable(error)).toBe(true);
    const f = flaky([error, error]);
    await expect(withRetry(f.fn, policy)).resolves.toBe('ok');
    expect(f.calls()).toBe(3);
  });

  it('gives up after the attempts and throws the last error', async () => {
    const f = flaky([http(503), http(503), http(503), http(503), http(503)]);
    await expect(withRetry(f.fn, policy)).rejects.toMatchObject({ status: 503 });
    expect(f.calls()).toBe(4);
  });

  it('retryIf narrows what is tried again: only what went unanswered, not an answer (the credentials)', async () => {
    const unanswered = { ...policy, retryIf: isUnanswered };
    const afterReset = flaky([reset, new TimeoutError('no answer'), reset]);
    await expect(withRetry(afterReset.fn, unanswered, () => 0)).resolves.toBe('ok');
    expect(afterReset.calls()).toBe(4);
    // A proxy's 502 page is an answer: retryable for an API call, not asked again for the run's credentials.
    const page = http(502);
    expect(isRetryable(page)).toBe(true);
    const refused = flaky([page]);
    await expect(withRetry(refused.fn, unanswered, () => 0)).rejects.toBe(page);
    expect(refused.calls()).toBe(1);
  });

  it('does not retry a permission error', async () => {
    const f = flaky([http(403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'no' } })]);
    await expect(withRetry(f.fn, policy)).rejects.toBeDefined();
    expect(f.calls()).toBe(1);
  });

  it('times out an attempt that never answers, and retries it', async () => {
    let calls = 0;
    const fn = () => (++calls < 2 ? new Promise<string>(() => undefined) : Promise.resolve('ok'));
    await expect(withRetry(fn, policy)).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('runs no more than the limit at once', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limit(async () => {
          peak = Math.max(peak, ++running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });
});

describe('classifying errors', () => {
  it("reads the missing permission from Google's ErrorInfo", () => {
    const error = http(403, {
      error: {
        code: 403,
        status: 'PERMISSION_DENIED',
        message: 'denied',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'IAM_PERMISSION_DENIED',
            metadata: { permission: 'billing.budgets.list' },
          },
        ],
      },
    });
    expect(classifyError(error)).toMatchObject({ kind: 'permission-denied', permission: 'billing.budgets.list' });
  });

  it('reads the disabled service', () => {
    const error = http(403, {
      error: {
        code: 403,
        status: 'PERMISSION_DENIED',
        message: 'disabled',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'SERVICE_DISABLED',
            metadata: { service: 'sqladmin.googleapis.com' },
          },
        ],
      },
    });
    expect(classifyError(error)).toMatchObject({ kind: 'api-disabled', api: 'sqladmin.googleapis.com' });
  });

  it.each([
    [new TimeoutError('no answer within 50 ms'), 'timeout'],
    [http(404), 'not-found'],
    [reset, 'unavailable'],
    [new Error('something else'), 'unknown'],
  ])('%s is %s', (error, kind) => {
    expect(classifyError(error).kind).toBe(kind);
  });
});
