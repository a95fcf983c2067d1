import type { Command } from '../shell-commands.js';

/** Where in the repository something was seen: the file and line a verdict rests on. */
export interface Place {
  file: string;
  line: number;
}

/**
 * When a pipeline runs, as far as a control cares:
 * - `push`: on a push to the default branch (every merge);
 * - `pull-request`: on pull or merge requests into the default branch (before the merge), or the merge queue;
 * - `release`: when a tag is pushed or a release is published (what builds released artifacts);
 * - `schedule`: on a timer, never because of a change;
 * - `manual`: only when someone starts it.
 */
export type Trigger = 'push' | 'pull-request' | 'release' | 'schedule' | 'manual';

export const TRIGGERS: readonly Trigger[] = ['push', 'pull-request', 'release', 'schedule', 'manual'];

/** Whether a step runs on a trigger: surely, or only under a condition gtp cannot evaluate (named). */
export type Runs = { sure: true } | { sure: false; condition: string };

/** A step of a CI pipeline, with what decides whether it runs and whether it can fail the build. */
export interface CiStep extends Place {
  system: 'github-actions' | 'gitlab-ci' | 'cloud-build';
  /** The step as written (its first line goes into evidence). */
  text: string;
  /** A GitHub Actions `uses:` reference without its version: `owner/repo[/path]`. */
  uses?: string;
  /** A `uses:` step's `with:` inputs, as text. */
  with?: Record<string, string>;
  /** The commands it runs: a script's simple commands, or a Cloud Build step's entrypoint (or image) and args. */
  commands: Command[];
  /** The triggers it runs on; a trigger left out does not run it. */
  runsOn: Partial<Record<Trigger, Runs>>;
  /** Why it runs on fewer triggers than its pipeline's file suggests: `if: false`, a branch filter, … */
  limits: string[];
  /** Why its failure does not fail the build (`continue-on-error: true`, `allow_failure: true`); undefined: it can. */
  cannotFail?: string;
  /**
   * GitHub Actions: the job's `strategy.matrix`, each key with the plain values it takes (its `include` entries too);
   * 'unknown' where the matrix, or a key of it, is an expression gtp does not evaluate.
   */
  matrix?: Record<string, string[] | 'unknown'> | 'unknown';
  /**
   * What lets only one run of the step's job proceed at a time: GitHub Actions `concurrency` (the job's, else the
   * workflow's), GitLab `resource_group`.
   */
  serializedBy?: Serialization;
  /**
   * Set where whether it runs at all is outside the repository: a Cloud Build file runs only when a trigger of
   * the project names it.
   */
  runsIf?: string;
}

/** A concurrency group, as written (it may hold expressions), and where. */
export interface Serialization extends Place {
  group: string;
  /** GitHub Actions `cancel-in-progress`, as written: a running job in the group is cancelled for a new one. */
  cancelInProgress?: string;
}

/** A place gtp cannot see into, where a pipeline runs steps of its own: a remote reusable workflow or include. */
export interface Opaque extends Place {
  what: string;
  runsOn: Partial<Record<Trigger, Runs>>;
}

/** What a CI system's files say runs. */
export interface Pipelines {
  steps: CiStep[];
  opaque: Opaque[];
}

/** The triggers `runs` has surely or conditionally, in a readable list. */
export function describeRuns(runsOn: CiStep['runsOn']): string {
  const list = TRIGGERS.filter((t) => runsOn[t]).map((t) => {
    const r = runsOn[t]!;
    return r.sure ? t : `${t} (only if ${r.condition})`;
  });
  return list.length > 0 ? list.join(', ') : 'never';
}
