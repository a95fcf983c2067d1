import { lstat, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputError } from './errors.js';

/**
 * A directory filled beside its target and swapped into place whole: readers see the previous set or the new
 * one, never a mix, and a run that fails leaves the previous set as it was. A target that is a link or a file is
 * the user's, and is not replaced.
 */
export class StagedDirectory {
  private constructor(
    readonly target: string,
    readonly staging: string,
  ) {}

  static async open(target: string): Promise<StagedDirectory> {
    const existing = await lstat(target).catch(() => undefined);
    if (existing && !existing.isDirectory())
      throw new OutputError(`${target} exists and is not a directory: gtp will not replace it`);
    try {
      await mkdir(dirname(target), { recursive: true });
      return new StagedDirectory(target, await mkdtemp(join(dirname(target), `.${basename(target)}-`)));
    } catch (error) {
      throw new OutputError(`cannot write into ${dirname(target)}: ${(error as Error).message}`);
    }
  }

  /** Writes one file of the set (a plain name inside the directory). */
  async write(name: string, content: string | Iterable<string>): Promise<void> {
    await writeFile(join(this.staging, name), content, { flag: 'wx' });
  }

  /** The new set takes the place of the previous one. */
  async commit(): Promise<void> {
    const previous = `${this.staging}.previous`;
    const hadPrevious = await rename(this.target, previous).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw new OutputError(`cannot replace ${this.target}: ${error.message}`);
      },
    );
    await rename(this.staging, this.target);
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}
