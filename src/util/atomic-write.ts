import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
 * Writes a file whole or not at all: readers never see a half-written report, and a failed run leaves the previous
 * file in place. What is at the path decides how: a regular file is replaced by a rename, keeping its mode; a
 * symbolic link is written through to its target; a character device or a FIFO (`/dev/stdout`, a pipe) is written
 * to as it is, never replaced; a directory is refused. Failures are OutputError, naming the path and why.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
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
        return join(await realpath(dirname(path)), basename(path));
      });
    }
    const info = entry?.isSymbolicLink() ? await stat(target).catch(() => undefined) : entry;
    if (info?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (info && !info.isFile()) {
      await writeFile(target, content, { encoding: 'utf8' });
      return;
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
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw cannotWrite(path, error);
  }
}
