import { isRetryable, TimeoutError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Backoff before the second attempt; doubles each time, with full jitter. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Time allowed for one attempt. */
  attemptTimeoutMs: number;
  /** Which failures are tried again (default: those Google documents as transient, and timeouts). */
  retryIf?: (error: unknown) => boolean;
}

// Eight attempts: at a 30 % failure rate a call still fails with probability 0.3^8 ≈ 0.007 %.
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  attemptTimeoutMs: 30_000,
};

/** What a caller does around each attempt: wait for a rate-quota slot (not timed), learn from a failure. */
export interface AttemptHooks {
  beforeAttempt?(): Promise<void>;
  afterFailure?(error: unknown): void;
}

/** Runs fn until it succeeds, a non-retryable error occurs, or the attempts run out (then the last error is thrown). */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  random: () => number = Math.random,
  hooks: AttemptHooks = {},
): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      await hooks.beforeAttempt?.();
      return await withTimeout(fn(), policy.attemptTimeoutMs);
    } catch (error) {
      hooks.afterFailure?.(error);
      lastError = error;
      const retryable = policy.retryIf ?? ((e: unknown) => isRetryable(e) || e instanceof TimeoutError);
      if (attempt === policy.attempts || !retryable(error)) break;
      const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
      await sleep(random() * ceiling);
    }
  }
  throw lastError;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs at most `limit` tasks at once. */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
