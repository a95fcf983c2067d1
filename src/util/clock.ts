/**
 * The one way the current time enters gtp. Commands take `systemClock` at the CLI edge and pass it (or the instant
 * it gave) down; every judgement that depends on the date (a finding's age, a drill's age, an attestation's expiry,
 * a recovery window, a scratch instance's expiry, a report's timestamp) reads it from there, so a test fixes the
 * day by passing `fixedClock`, never by luck.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new Error(`not a time: ${String(at)}`);
  return { now: () => new Date(ms) };
}

/**
 * Elapsed time for timeouts and deadlines, in milliseconds from an arbitrary origin. It is monotonic on purpose: a
 * deadline measures how long something took, which neither a wall-clock step nor an injected clock may change.
 */
/**
 * How far in the future evidence may be dated before it is distrusted: clocks of the machines that wrote it drift,
 * but a finding or a drill record hours ahead of the judgement time was not written by a truthful clock.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

export const monotonicMs = (): number => performance.now();
