/** The fields of a Cloud Build BuildTrigger (cloudbuild v1 REST) that decide which builds it starts. */
export interface BuildTrigger {
  name?: string;
  id?: string;
  resourceName?: string;
  /** "If true, the trigger will never automatically execute a build." */
  disabled?: boolean;
  /** "Path, from the source root, to the build configuration file (i.e. cloudbuild.yaml)." */
  filename?: string;
  /** "Autodetect build configuration": cloudbuild.yaml, cloudbuild.yml, cloudbuild.json, then a Dockerfile. */
  autodetect?: boolean;
  gitFileSource?: { path?: string };
  eventType?: string;
  github?: { owner?: string; name?: string; push?: PushFilter; pullRequest?: PullRequestFilter };
  repositoryEventConfig?: { repository?: string; push?: PushFilter; pullRequest?: PullRequestFilter };
  triggerTemplate?: { repoName?: string; branchName?: string; tagName?: string; invertRegex?: boolean };
  includedFiles?: string[];
  pubsubConfig?: unknown;
  webhookConfig?: unknown;
}

interface PushFilter {
  branch?: string;
  tag?: string;
  invertRegex?: boolean;
}

interface PullRequestFilter {
  branch?: string;
  invertRegex?: boolean;
  /** COMMENTS_ENABLED: builds wait for a repository writer's `/gcbrun` comment. */
  commentControl?: string;
}

/** What the triggers read in a project said, or why they could not be read. */
export type TriggerReading =
  { read: true; locations: string[]; triggers: BuildTrigger[] } | { read: false; why: string } | { read: 'not-needed' };

/** The changes a trigger starts a build of this file on, or why it starts none; undefined: not about this file. */
export function triggerRuns(
  trigger: BuildTrigger,
  file: string,
  defaultBranches: readonly string[],
): { on: ('push' | 'pull-request' | 'release')[]; why: string[] } | undefined {
  const config = trigger.filename ?? trigger.gitFileSource?.path;
  const path = file.replace(/^\.?\//, '');
  const autodetected = trigger.autodetect === true && config === undefined && /^cloudbuild\.ya?ml$/.test(path);
  if (config?.replace(/^\.?\//, '') !== path && !autodetected) return undefined;
  const label = `trigger ${trigger.name ?? trigger.id ?? '?'}`;
  if (trigger.disabled === true) return { on: [], why: [`${label} is disabled`] };
  const on = new Set<'push' | 'pull-request' | 'release'>();
  const why: string[] = [];
  // RE2 patterns, matched against the branch or tag name; invertRegex builds what does not match.
  const matches = (pattern: string | undefined, name: string, invert: boolean | undefined) => {
    if (pattern === undefined) return false;
    let hit: boolean;
    try {
      hit = new RegExp(pattern).test(name);
    } catch {
      return false;
    }
    return invert ? !hit : hit;
  };
  const push = trigger.github?.push ?? trigger.repositoryEventConfig?.push;
  const template = trigger.triggerTemplate;
  const pushBranch = push?.branch ?? template?.branchName;
  const pushTag = push?.tag ?? template?.tagName;
  const invert = push?.invertRegex ?? template?.invertRegex;
  if (pushBranch !== undefined) {
    if (defaultBranches.some((b) => matches(pushBranch, b, invert))) on.add('push');
    else why.push(`${label} builds pushes to branches matching ${JSON.stringify(pushBranch)}, not the default branch`);
  }
  if (pushTag !== undefined) on.add('release');
  const pr = trigger.github?.pullRequest ?? trigger.repositoryEventConfig?.pullRequest;
  if (pr) {
    if (
      pr.commentControl === 'COMMENTS_ENABLED' ||
      pr.commentControl === 'COMMENTS_ENABLED_FOR_EXTERNAL_CONTRIBUTORS_ONLY'
    )
      why.push(`${label} builds pull requests only when a repository writer comments /gcbrun (${pr.commentControl})`);
    if (pr.commentControl !== 'COMMENTS_ENABLED') {
      if (defaultBranches.some((b) => matches(pr.branch, b, pr.invertRegex))) on.add('pull-request');
      else
        why.push(
          `${label} builds pull requests into branches matching ${JSON.stringify(pr.branch)}, not the default branch`,
        );
    }
  }
  // includedFiles: a build only when a change touches them (the whole repository when it holds "**").
  if (trigger.includedFiles?.length && !trigger.includedFiles.includes('**')) {
    why.push(`${label} builds only changes to ${JSON.stringify(trigger.includedFiles)}`);
    on.delete('push');
    on.delete('pull-request');
  }
  if (on.size === 0 && why.length === 0)
    why.push(
      `${label} starts builds only by hand, a Pub/Sub message or a webhook (${trigger.eventType ?? 'no repository event'})`,
    );
  return { on: [...on], why };
}
