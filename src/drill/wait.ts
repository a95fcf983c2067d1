import { DrillTimeout, OperationFailed } from './errors.js';
import type { SqlOperation } from '../gcp/sql-admin.js';
import { monotonicMs } from '../util/clock.js';

export interface WaitOptions {
  /** A monotonicMs() reading after which waiting stops with DrillTimeout. */
  deadline: number;
  timeoutMs: number;
  signal: AbortSignal;
  /** First pause between polls; it doubles up to maxIntervalMs. */
  intervalMs: number;
  maxIntervalMs?: number;
}

/** Polls a long-running operation until DONE, with exponential backoff, the drill's deadline and its interruption. */
export async function waitForOperation(
  first: SqlOperation,
  poll: (name: string) => Promise<SqlOperation>,
  options: WaitOptions,
): Promise<SqlOperation> {
  let operation = first;
  let interval = options.intervalMs;
  while (operation.status !== 'DONE') {
    const remaining = options.deadline - monotonicMs();
    if (remaining <= 0)
      throw new DrillTimeout(`${operation.operationType ?? 'the'} operation ${operation.name}`, options.timeoutMs);
    await pause(Math.min(interval, remaining), options.signal);
    interval = Math.min(interval * 2, options.maxIntervalMs ?? 30_000);
    operation = await poll(operation.name);
  }
  if (operation.error?.errors?.length) throw new OperationFailed(operation);
  return operation;
}

/** Sleeps, or rejects with DrillInterrupted as soon as the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A promise raced against the drill's deadline and its interruption (what it started goes on unobserved). */
export function bounded<T>(
  promise: Promise<T>,
  what: string,
  options: Pick<WaitOptions, 'deadline' | 'timeoutMs' | 'signal'>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal.aborted) return reject(options.signal.reason as Error);
    const timer = setTimeout(
      () => finish(() => reject(new DrillTimeout(what, options.timeoutMs))),
      Math.max(0, options.deadline - monotonicMs()),
    );
    const onAbort = () => finish(() => reject(options.signal.reason as Error));
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      settle();
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error as Error)),
    );
  });
}
