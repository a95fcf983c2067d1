/**
 * gtp owns the request timeout, and no timer or signal of a request outlives it.
 *
 * gax gives every call a deadline (its `timeout`, 30 s unless told otherwise) and, over REST, arms an
 * `AbortSignal.timeout` for it with an 'abort' listener it never removes once the call has ended. Node keeps a
 * timeout signal that has listeners alive until it fires, and the listener's closure holds the call's request and
 * answer: every call stayed in memory for its whole timeout after it ended. gaxios arms the same kind of signal for
 * a request given a `timeout`. An organization audit makes hundreds of calls a second, so memory grew with the rate
 * of calls, not with the calls in flight (google-gax `src/fallbackServiceStub.ts` and gaxios
 * `#appendTimeoutToSignal`, seen in google-gax 6.17.0 and gaxios 7).
 *
 * So gax is given no deadline (an infinite timeout makes an invalid deadline, which it reads as none), gaxios no
 * `timeout`, and each request carries a deadline of gtp's own (`requestDeadline`), disarmed as soon as its answer
 * has been read.
 */
export const NO_GAX_DEADLINE = Number.POSITIVE_INFINITY;

/**
 * An abort signal that fires after `ms`, and the function that disarms it once the request has ended. Not
 * `AbortSignal.timeout`: this one is released with its timer.
 */
export function requestDeadline(ms: number): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  return { signal: controller.signal, done: () => clearTimeout(timer) };
}

type Fetch = (url: unknown, init?: { signal?: AbortSignal }) => Promise<unknown>;

/**
 * gax's REST transport sends every request through the credentials' `fetch`, with a signal that only its own
 * `cancel()` aborts. Each request is given a deadline here, joined to that signal: one that goes unanswered, or whose
 * body stops half way, is aborted (its socket closed, not left open until the process ends) and retried. The
 * deadline is disarmed once the answer's body has been read, or the request has failed.
 */
export function fetchWithDeadlines(fetch: Fetch, ms: number): Fetch {
  return async (url, init = {}) => {
    const deadline = requestDeadline(ms);
    const own = init.signal;
    let signal = deadline.signal;
    if (own) {
      // Either ends the request: the caller's cancel() or the deadline. Neither is a timeout signal, so neither is
      // kept alive by its listeners once the request is done with.
      const joined = new AbortController();
      if (own.aborted) joined.abort(own.reason);
      else own.addEventListener('abort', () => joined.abort(own.reason), { once: true });
      deadline.signal.addEventListener('abort', () => joined.abort(deadline.signal.reason), { once: true });
      signal = joined.signal;
    }
    try {
      return readThenDisarm(await fetch(url, { ...init, signal }), deadline.done);
    } catch (error) {
      deadline.done();
      throw error;
    }
  };
}

/**
 * The answer, with its body's readers disarming the deadline once the body has been read (or has failed). A body
 * read as a stream (server-streaming calls, which gtp does not make) keeps its deadline until it fires.
 */
function readThenDisarm(response: unknown, done: () => void): unknown {
  const r = response as Record<string, unknown> | null;
  if (!r || typeof r !== 'object') {
    done();
    return response;
  }
  for (const reader of ['arrayBuffer', 'text', 'json', 'blob'] as const) {
    const read = r[reader];
    if (typeof read !== 'function') continue;
    Object.defineProperty(r, reader, {
      configurable: true,
      value: (...args: unknown[]) => (read as (...a: unknown[]) => Promise<unknown>).apply(r, args).finally(done),
    });
  }
  return response;
}
