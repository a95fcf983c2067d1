import { join } from 'node:path';
import { StagedDirectory } from '../util/atomic-dir.js';

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
  private constructor(private readonly dir: StagedDirectory) {}

  static async open(dir: string): Promise<ProjectFiles> {
    return new ProjectFiles(await StagedDirectory.open(join(dir, 'projects')));
  }

  async write(projectId: string, format: ProjectFormat, content: string): Promise<void> {
    await this.dir.write(projectFileName(projectId, format), content);
  }

  commit(): Promise<void> {
    return this.dir.commit();
  }

  abort(): Promise<void> {
    return this.dir.abort();
  }
}
