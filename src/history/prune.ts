import { InputError } from '../util/errors.js';
import type { Store } from './store.js';

/** A retention as `gtp history prune --keep` takes it: a number of days (`400d`). */
export function parseKeep(text: string): number {
  const days = /^(\d+)d$/.exec(text)?.[1];
  if (!days || Number(days) < 1) throw new InputError(`--keep ${text}: give a number of days, such as 400d`);
  return Number(days);
}

/**
 * Removes the runs judged more than `days` before `now`, with their risks and checks (one transaction): the store
 * keeps what a review looks back on, not every audit ever made.
 */
export function prune(store: Store, days: number, now: Date): { removed: number; cutoff: string } {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const { db } = store;
  db.exec('BEGIN IMMEDIATE');
  try {
    const removed = Number(db.prepare('DELETE FROM runs WHERE as_of < ?').run(cutoff).changes);
    db.exec('COMMIT');
    return { removed, cutoff };
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
