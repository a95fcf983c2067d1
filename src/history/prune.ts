import { InputError } from '../util/errors.js';
import type { HistoryStore } from './store.js';

/** A retention as `gtp history prune --keep` takes it: a number of days (`400d`). */
export function parseKeep(text: string): number {
  const days = /^(\d+)d$/.exec(text)?.[1];
  if (!days || Number(days) < 1) throw new InputError(`--keep ${text}: give a number of days, such as 400d`);
  return Number(days);
}

/**
 * Removes the audits judged more than `days` before `now`, with their projects' risks and checks (one
 * transaction): the store keeps what a review looks back on, not every audit ever made.
 */
export async function prune(
  store: HistoryStore,
  days: number,
  now: Date,
): Promise<{ removed: number; cutoff: string }> {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  return { removed: await store.prune(cutoff), cutoff };
}
