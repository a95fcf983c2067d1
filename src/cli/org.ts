import { readFile } from 'node:fs/promises';
import { PROJECT_ID } from '../gcp/ids.js';
import { createLimiter, withRetry } from '../gcp/retry.js';
import { discoverProjects, DiscoveryError, type ProjectScope } from '../org/discover.js';
import { projectListJson, projectListMarkdown } from '../report/projects.js';
import { InputError } from '../util/errors.js';
import { EXIT } from './exit-codes.js';
import { openLive } from './gcp-session.js';
import { emit, warn } from './output.js';

/** Which projects: exactly one scope, and the filters. */
export interface ScopeOptions {
  organization?: string;
  folder?: string;
  projects?: string;
  projectsFile?: string;
  include?: string[];
  exclude?: string[];
  label?: string[];
}

/** What an audit of many projects takes beside its scope: pacing, where resources come from, a plan's shard. */
export interface ManyProjectsOptions extends ScopeOptions {
  /** How many projects are audited at once. */
  parallel?: number;
  quota?: Record<string, number>;
  source?: string;
  /** A plan from `gtp org plan`: its projects instead of a discovery, and this process's shard of them. */
  plan?: string;
  shard?: string;
  shards?: number;
}

export interface OrgProjectsOptions extends ScopeOptions {
  format: 'md' | 'json';
  output?: string;
}

/** The one scope the options name; bad input when none or several, or an id of the wrong form. */
export async function scopeOf(options: ScopeOptions): Promise<ProjectScope> {
  const given = (['organization', 'folder', 'projects', 'projectsFile'] as const).filter(
    (k) => options[k] !== undefined,
  );
  if (given.length !== 1)
    throw new InputError('name exactly one of --organization, --folder, --projects and --projects-file');
  if (options.organization !== undefined) {
    if (!/^\d{1,20}$/.test(options.organization))
      throw new InputError('--organization must be the numeric organization id, e.g. 111111111111');
    return { kind: 'organization', id: options.organization };
  }
  if (options.folder !== undefined) {
    if (!/^\d{1,20}$/.test(options.folder)) throw new InputError('--folder must be the numeric folder id');
    return { kind: 'folder', id: options.folder };
  }
  if (options.projects !== undefined) {
    const projects = options.projects
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    for (const p of projects)
      if (!PROJECT_ID.test(p))
        throw new InputError(`--projects: ${JSON.stringify(p.slice(0, 80))} is not a project id`);
    if (projects.length === 0) throw new InputError('--projects names no project');
    return { kind: 'list', projects, from: '--projects' };
  }
  const file = options.projectsFile!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // One project id per line; blank lines and # comments are ignored.
  const projects: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    if (!PROJECT_ID.test(line))
      throw new InputError(
        `${file}:${i + 1}: ${JSON.stringify(line.slice(0, 80))} is not a project id (${PROJECT_ID.rule})`,
      );
    projects.push(line);
  }
  if (projects.length === 0) throw new InputError(`${file}: names no project`);
  return { kind: 'list', projects, from: file };
}

export function labelsOf(pairs: string[] = []): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const match = /^([a-z][a-z0-9_-]{0,62})=([a-z0-9_-]{0,63}|\*)$/.exec(pair);
      if (!match)
        throw new InputError(`--label ${JSON.stringify(pair.slice(0, 80))}: expected KEY=VALUE (VALUE * for any)`);
      return [match[1]!, match[2]!];
    }),
  );
}

/**
 * `gtp org projects`: which projects an organization audit covers, each with its folder path, from Resource
 * Manager (or as listed). A folder that cannot be listed is an error naming it (exit 3), never a shorter list.
 */
export async function orgProjectsCommand(options: OrgProjectsOptions): Promise<number> {
  const scope = await scopeOf(options);
  const filters = {
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    labels: labelsOf(options.label),
  };
  const session = await openLive();
  const limit = createLimiter(16);
  try {
    const discovery = await discoverProjects(
      scope,
      { fetch: (route, params) => limit(() => withRetry(() => session.source.fetch(route, params))) },
      filters,
    );
    await emit(options.format === 'json' ? projectListJson(discovery) : projectListMarkdown(discovery), options.output);
    return EXIT.OK;
  } catch (error) {
    return discoveryFailed(error);
  } finally {
    await session.close();
  }
}

/** A discovery that failed is exit 3 and no output, saying which scope: never a smaller organization. */
export function discoveryFailed(error: unknown): number {
  if (!(error instanceof DiscoveryError)) throw error;
  warn(`unverified: ${error.message}`);
  return EXIT.UNVERIFIED;
}
