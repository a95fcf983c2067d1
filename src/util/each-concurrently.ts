/**
 * Runs `task` for every item, at most `workers` at a time, starting them in the items' order. Nothing is made for
 * an item before its turn: an organization of 10,000 projects holds `workers` pending promises, not one per project
 * queued behind a limiter.
 *
 * The first failure stops further items from starting; it is thrown once the items already running have ended, so
 * that nothing they write outlives the caller's clean-up.
 */
export async function eachConcurrently<T>(
  items: readonly T[],
  workers: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const work = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        await task(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, work));
  if (failure) throw failure.error;
}
