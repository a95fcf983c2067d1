import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError } from './errors.js';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a part of the path is a file',
  ELOOP: 'too many symbolic links',
};

function cannotWrite(path: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new OutputError(`cannot write ${path}: ${REASONS[code] ?? (error as Error).message}`);
}

/**
 * A temporary older than this was left by a run that died between write and rename (SIGKILL): it is removed. Age is
 * measured on the file system's clock (against the temporary this write just made), not the process's: the two
 * can disagree (a container's clock, a network file system, a test that moves the process clock), and a
 * concurrent run's fresh temporary must never look old.
 */
const STALE_MS = 60_000;

/** A file's text: whole, or in pieces written as they come (a large report is never one string). */
export type WriteContent = string | Iterable<string>;

/** What a write will do once every part of a set is ready: rename a temporary over the target, or nothing more. */
interface Prepared {
  commit(): Promise<void>;
  abort(): Promise<void>;
}

async function removeStaleTemporaries(dir: string, name: string, own: string, fileSystemNowMs: number): Promise<void> {
  const prefix = `.${name}.`;
  const entries = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter(
        (e) =>
          e !== own && e.startsWith(prefix) && e.endsWith('.tmp') && /^[0-9a-f]{12}$/.test(e.slice(prefix.length, -4)),
      )
      .map(async (e) => {
        const info = await stat(join(dir, e)).catch(() => undefined);
        if (info && fileSystemNowMs - info.mtimeMs > STALE_MS) await rm(join(dir, e), { force: true });
      }),
  );
}

/**
 * Where a link that names a file not there yet leads: each link in the chain read in turn (a relative target is
 * relative to its link's directory), to the first path that does not exist. The file is created there, and the
 * link is left as it is.
 */
async function danglingTarget(link: string): Promise<string> {
  let at = link;
  for (let hops = 0; hops < 40; hops++) {
    const entry = await lstat(at).catch(() => undefined);
    if (!entry?.isSymbolicLink()) return join(await realpath(dirname(at)), basename(at));
    at = resolve(dirname(at), await readlink(at));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

/**
 * Gets one write ready. What is at the path decides how: a regular file is replaced by a rename, keeping its mode;
 * a symbolic link is written through to its target; a character device or a FIFO (`/dev/stdout`, a pipe) is
 * written to as it is, never replaced; a directory is refused. Failures are OutputError, naming the path and why.
 */
async function prepare(path: string, content: WriteContent): Promise<Prepared> {
  let target = path;
  let mode: number | undefined;
  try {
    const entry = await lstat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (entry?.isSymbolicLink()) {
      // Through the link: the file it names is the one to replace (created if it does not exist yet).
      target = await realpath(path).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        return danglingTarget(path);
      });
    }
    const info = entry?.isSymbolicLink() ? await stat(target).catch(() => undefined) : entry;
    if (info?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (info && !info.isFile()) {
      // A device or a pipe has no "whole or nothing": it is written when the set commits.
      return {
        commit: () =>
          writeFile(target, content, { encoding: 'utf8' }).catch((error: unknown) =>
            Promise.reject(cannotWrite(path, error)),
          ),
        abort: async () => undefined,
      };
    }
    mode = info?.mode;
    await mkdir(dirname(target), { recursive: true });
  } catch (error) {
    throw cannotWrite(path, error);
  }
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    if (mode !== undefined) await chmod(temporary, mode & 0o7777);
    const written = await stat(temporary);
    await removeStaleTemporaries(dirname(target), basename(target), basename(temporary), written.mtimeMs);
  } catch (error) {
    await rm(temporary, { force: true });
    throw cannotWrite(path, error);
  }
  return {
    commit: () =>
      rename(temporary, target).catch(async (error: unknown) => {
        await rm(temporary, { force: true });
        throw cannotWrite(path, error);
      }),
    abort: () => rm(temporary, { force: true }),
  };
}

/** Writes a file whole or not at all: readers never see a half-written report, and a failed run leaves the previous file in place. */
export async function writeFileAtomic(path: string, content: WriteContent): Promise<void> {
  await (await prepare(path, content)).commit();
}

/**
 * Writes several files as a set (`--formats md,json,sarif`): every one is written to its temporary first, and only
 * when all are ready are they renamed into place, so a failure leaves the previous set whole, not a mix.
 */
export async function writeFilesAtomic(files: readonly { path: string; content: WriteContent }[]): Promise<void> {
  const ready: Prepared[] = [];
  try {
    for (const file of files) ready.push(await prepare(file.path, file.content));
  } catch (error) {
    await Promise.all(ready.map((p) => p.abort()));
    throw error;
  }
  for (const p of ready) await p.commit();
}
