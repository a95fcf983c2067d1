import { describe, expect, it } from 'vitest';
import { eachConcurrently } from '../../src/util/each-concurrently.js';

/** A task whose every call waits until the test lets it end, recording how many run at once. */
function gatedTasks() {
  const started: number[] = [];
  const release = new Map<number, () => void>();
  let running = 0;
  let most = 0;
  const task = async (_item: string, index: number) => {
    started.push(index);
    running++;
    most = Math.max(most, running);
    await new Promise<void>((resolve) => release.set(index, resolve));
    running--;
  };
  return { started, release, task, most: () => most };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('eachConcurrently', () => {
  it('runs every item once, at most `workers` at a time, starting them in order', async () => {
    const items = Array.from({ length: 7 }, (_, i) => `p${i}`);
    const gate = gatedTasks();
    const done = eachConcurrently(items, 3, gate.task);
    await tick();
    expect(gate.started).toEqual([0, 1, 2]);
    gate.release.get(1)!();
    await tick();
    expect(gate.started).toEqual([0, 1, 2, 3]);
    // Each item released as it starts: the rest follow in order, never more than three at once.
    for (let i = 0; i < 7; i++) {
      gate.release.get(i)!();
      await tick();
    }
    await done;
    expect(gate.started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(gate.most()).toBe(3);
  });

  it('does nothing for no items, and runs one at a time when asked for fewer than one worker', async () => {
    const seen: number[] = [];
    await eachConcurrently([], 8, async () => void seen.push(-1));
    await eachConcurrently(['a', 'b'], 0, async (_item, index) => void seen.push(index));
    expect(seen).toEqual([0, 1]);
  });

  it('starts nothing after a failure, and throws it once the running items have ended', async () => {
    const items = Array.from({ length: 10 }, (_, i) => `p${i}`);
    const started: number[] = [];
    const ended: number[] = [];
    let letSlowEnd!: () => void;
    const outcome = eachConcurrently(items, 2, async (_item, index) => {
      started.push(index);
      if (index === 0) {
        await new Promise<void>((resolve) => (letSlowEnd = resolve));
        ended.push(index);
        return;
      }
      throw new Error(`p${index} failed`);
    });
    let settled = false;
    outcome.catch(() => undefined).finally(() => (settled = true));
    await tick();
    // p1 failed; p0 is still running, so the failure waits for it.
    expect(settled).toBe(false);
    letSlowEnd();
    await expect(outcome).rejects.toThrow('p1 failed');
    expect(ended).toEqual([0]);
    expect(started).toEqual([0, 1]);
  });
});
