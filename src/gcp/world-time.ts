import type { World } from './world.js';

/**
 * Reserved key of a world or snapshot: when its data was captured (RFC 3339). A snapshot keeps its real times and
 * is judged as of this instant unless told otherwise; a bundled world is served shifted to the present, so that a
 * finding one day old at capture is one day old whenever it is served.
 */
export const CAPTURED_AT_KEY = '$capturedAt';

/** An RFC 3339 date-time as Google's APIs write them: `2026-11-24T08:00:00Z`, with optional fraction and offset. */
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function capturedAtOf(world: World): Date | undefined {
  const value = world[CAPTURED_AT_KEY];
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  return new Date(value);
}

/**
 * Moves one timestamp by `ms`, keeping the precision it was written with (a fraction of 3, 6 or 9 digits stays that
 * long; none stays none). The result is in UTC.
 */
export function shiftTimestamp(text: string, ms: number): string {
  const match = RFC3339.exec(text);
  if (!match) return text;
  const [, , fraction = '', zone] = match;
  const at = new Date(`${match[1]}${fraction.slice(0, 4)}${zone}`).getTime() + ms;
  const iso = new Date(at).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  if (fraction === '') return `${iso.slice(0, 19)}Z`;
  const digits = `${iso.slice(20, 23)}${fraction.slice(4)}`
    .padEnd(fraction.length - 1, '0')
    .slice(0, fraction.length - 1);
  return `${iso.slice(0, 19)}.${digits}Z`;
}

/** Every RFC 3339 string value anywhere in `value`, moved by `ms`; keys and every other value stay as they are. */
export function shiftTimestamps<T>(value: T, ms: number): T {
  if (ms === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return shiftTimestamp(v, ms);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(value) as T;
}

/** How far a world's data must move to be as old at `now` as it was when captured (0 when it records no capture). */
export function ageOffsetMs(world: World, now: Date): number {
  const captured = capturedAtOf(world);
  return captured ? now.getTime() - captured.getTime() : 0;
}

/** The world as it would be captured at `now`: its capture time and every timestamp in it moved forward together. */
export function servedAt(world: World, now: Date): World {
  return shiftTimestamps(world, ageOffsetMs(world, now));
}
