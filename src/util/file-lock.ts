import { open, readFile, realpath, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { monotonicMs } from './clock.js';
import { OutputError } from './errors.js';

export interface LockOptions {
  /** How long to wait for another holder before giving up. */
  waitMs?: number;
}

/** Who holds a lock: the lock file's content, so that a lock left by a killed process can be recognised. */
interface Holder {
  pid: number;
  host: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holderOf(lock: string): Promise<Holder | undefined> {
  const text = await readFile(lock, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<Holder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `update` while holding an exclusive lock on `path` (a `.NAME.lock` file beside the file a link resolves
 * to), so that read-modify-write sequences on one file from several processes happen one after another instead of
 * each overwriting the others. A lock whose holder is gone (killed) is reported, not taken over: two processes
 * taking over one stale lock at once could both believe they hold it. Waiting longer than `waitMs` is an
 * OutputError naming the lock file and its holder.
 */
export async function withFileLock<T>(path: string, update: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const target = await realpath(path).catch(() => path);
  const lock = join(dirname(target), `.${basename(target)}.lock`);
  const me: Holder = { pid: process.pid, host: hostname() };
  const deadline = monotonicMs() + (options.waitMs ?? 10_000);
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new OutputError(`cannot lock ${path}: ${(error as Error).message}`);
    }
    const holder = await holderOf(lock);
    const gone = holder !== undefined && holder.host === me.host && !isAlive(holder.pid);
    if (gone || monotonicMs() > deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host}` : 'another process';
      throw new OutputError(
        gone
          ? `${path} is locked by ${who}, which is no longer running: remove ${lock} and try again`
          : `${path} is locked by ${who} (${lock}); if no gtp is running there, remove the lock file`,
      );
    }
    await sleep(delay);
  }
  try {
    return await update();
  } finally {
    await rm(lock, { force: true });
  }
}
