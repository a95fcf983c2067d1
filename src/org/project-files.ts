import { lstat, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputError } from '../util/errors.js';

/** The formats written once per project beside the organization report: what code scanning and CI test views read. */
export const PROJECT_FORMATS = ['sarif', 'junit'] as const;
export type ProjectFormat = (typeof PROJECT_FORMATS)[number];

const EXTENSION: Record<ProjectFormat, string> = { sarif: 'sarif', junit: 'junit.xml' };

/**
 * A file name for a project id. Ids are checked where they enter (discovery, flags); a domain-scoped id
 * (`example.com:project`) keeps its domain, with the colon, which some file systems refuse, as an underscore
 * (neither part may hold one, so no two ids meet).
 */
export function projectFileName(projectId: string, format: ProjectFormat): string {
  return `${projectId.replace(':', '_')}.${EXTENSION[format]}`;
}

/**
 * Writes each project's files into a hidden directory beside `<dir>/projects` as the project is judged, and swaps
 * it into place only when the whole organization is done: a failed or interrupted run leaves the previous set whole,
 * never a mix of two runs.
 */
export class ProjectFiles {
  private constructor(
    private readonly target: string,
    private readonly staging: string,
  ) {}

  static async open(dir: string): Promise<ProjectFiles> {
    const target = join(dir, 'projects');
    const existing = await lstat(target).catch(() => undefined);
    // A link or a file there is the user's: it is not replaced by a directory of gtp's.
    if (existing && !existing.isDirectory())
      throw new OutputError(`${target} exists and is not a directory: gtp writes one file per project there`);
    try {
      await mkdir(dir, { recursive: true });
      return new ProjectFiles(target, await mkdtemp(join(dir, '.projects-')));
    } catch (error) {
      throw new OutputError(`cannot write into ${dir}: ${(error as Error).message}`);
    }
  }

  async write(projectId: string, format: ProjectFormat, content: string): Promise<void> {
    await writeFile(join(this.staging, projectFileName(projectId, format)), content, { flag: 'wx' });
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
