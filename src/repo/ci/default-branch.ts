import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The repository's default branch, or the names it is taken to be, with a note saying so. */
export interface DefaultBranch {
  names: string[];
  /** Set where the name is a guess: the note the evidence carries. */
  assumed?: string;
}

/**
 * The default branch, from what the run knows: GitLab CI's CI_DEFAULT_BRANCH, the GitHub Actions event's
 * `repository.default_branch`, or the clone's `refs/remotes/origin/HEAD`. The checked-out branch is not it (a
 * feature branch, or a detached head in CI). Where none says, `main` or `master`, and the evidence says so.
 */
export async function defaultBranchOf(root: string, env: NodeJS.ProcessEnv): Promise<DefaultBranch> {
  if (env.CI_DEFAULT_BRANCH) return { names: [env.CI_DEFAULT_BRANCH] };
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as {
        repository?: { default_branch?: unknown };
      };
      if (typeof event.repository?.default_branch === 'string') return { names: [event.repository.default_branch] };
    } catch {
      // no event file to read: fall through
    }
  }
  try {
    const head = await readFile(join(root, '.git/refs/remotes/origin/HEAD'), 'utf8');
    const match = /^ref: refs\/remotes\/origin\/(.+)$/m.exec(head);
    if (match) return { names: [match[1]!.trim()] };
  } catch {
    // not a clone with its origin's HEAD recorded
  }
  return { names: ['main', 'master'], assumed: 'the default branch is taken to be main or master (no record of it)' };
}
