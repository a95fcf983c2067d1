import { describeError, needing } from '../gcp/errors.js';
import { ROUTES, type Route } from '../gcp/routes.js';
import { globToRegExp } from '../util/glob.js';
import { PROJECT_ID } from '../gcp/ids.js';
import { compareText } from '../util/text.js';

/** Where the projects to audit come from: a folder or organization (walked), or a list the user gave. */
export type ProjectScope =
  | { kind: 'organization'; id: string }
  | { kind: 'folder'; id: string }
  | { kind: 'list'; projects: string[]; from: string };

export interface DiscoveredProject {
  projectId: string;
  /** projects/NUMBER, when discovered (a given list names ids only). */
  name?: string;
  /** The resources above the project, from the scope down to its parent: organizations/…, folders/…. */
  path: string[];
  labels: Record<string, string>;
  /**
   * The project as projects.list returned it while discovering: the same Project that projects.get returns, so that
   * the audit need not read it again (org/projects-source.ts). Absent for a given list and for a plan's projects.
   */
  resource?: unknown;
}

export interface Discovery {
  /** organizations/ID, folders/ID, or where the list came from. */
  scope: string;
  projects: DiscoveredProject[];
  /** The display name of each folder walked (folders/NUMBER → "production"), for people reading the paths. */
  folders: Record<string, string>;
  /** Projects seen and left out, with why (not ACTIVE, or a filter). */
  skipped: { projectId: string; reason: string }[];
}

export interface DiscoveryFilters {
  /** Globs on the project id (`*` any run of characters; ids have no `/`): only matching projects, when any is given. */
  include?: string[];
  exclude?: string[];
  /** Labels a project must carry, all of them (value `*`: any value). */
  labels?: Record<string, string>;
}

/** Resource Manager nests folders at most ten deep under an organization. */
const MAX_FOLDER_DEPTH = 10;

/**
 * A discovery that could not read some part of the scope: never a smaller organization. It names the folder or
 * organization and why (permission, API disabled, timeout).
 */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

interface ApiProject {
  projectId?: string;
  name?: string;
  state?: string;
  labels?: Record<string, string>;
}
interface ApiFolder {
  name?: string;
  displayName?: string;
  state?: string;
}

/** Why a project is left out by the filters, or undefined when it stays. */
export function filteredOut(project: DiscoveredProject, filters: DiscoveryFilters): string | undefined {
  const include = filters.include ?? [];
  if (include.length > 0 && !include.some((g) => globToRegExp(g).test(project.projectId)))
    return `matches no --include (${include.join(', ')})`;
  const excluded = (filters.exclude ?? []).find((g) => globToRegExp(g).test(project.projectId));
  if (excluded) return `matches --exclude ${excluded}`;
  for (const [key, value] of Object.entries(filters.labels ?? {})) {
    const actual = project.labels[key];
    if (actual === undefined || (value !== '*' && actual !== value)) return `label ${key}=${value} not set`;
  }
  return undefined;
}

/**
 * The ACTIVE projects under a folder or organization, each with its folder path, walked through Resource
 * Manager v3 (projects.list and folders.list of every folder, recursively). Every list is read whole: a folder
 * that cannot be listed fails the discovery, naming it. A given list is taken as it is (each id checked later by
 * its own audit).
 */
export async function discoverProjects(
  scope: ProjectScope,
  io: { fetch(route: Route, params: Record<string, string>): Promise<unknown> },
  filters: DiscoveryFilters = {},
): Promise<Discovery> {
  const skipped: Discovery['skipped'] = [];
  const keep = (found: DiscoveredProject[]) =>
    found.filter((project) => {
      const reason = filteredOut(project, filters);
      if (reason) skipped.push({ projectId: project.projectId, reason });
      return !reason;
    });
  if (scope.kind === 'list')
    return {
      scope: scope.from,
      projects: keep([...new Set(scope.projects)].map((projectId) => ({ projectId, path: [], labels: {} }))),
      folders: {},
      skipped,
    };

  const root = `${scope.kind === 'organization' ? 'organizations' : 'folders'}/${scope.id}`;
  const list = async <T>(route: Route, parent: string, field: string): Promise<T[]> => {
    try {
      return ((await needing(route.permission, () => io.fetch(route, { parent }))) ?? []) as T[];
    } catch (error) {
      throw new DiscoveryError(
        `${parent}: cannot list its ${field}: ${describeError(error)}; the projects below it are unknown, so nothing is audited`,
      );
    }
  };
  const found: DiscoveredProject[] = [];
  const folderNames: Record<string, string> = {};
  const visited = new Set<string>();
  const walk = async (parent: string, path: string[]): Promise<void> => {
    if (visited.has(parent)) throw new DiscoveryError(`${parent}: reached twice: the folders form a loop`);
    visited.add(parent);
    if (path.length > MAX_FOLDER_DEPTH + 1)
      throw new DiscoveryError(`${parent}: deeper than Resource Manager allows (${MAX_FOLDER_DEPTH} folders)`);
    const [projects, folders] = await Promise.all([
      list<ApiProject>(ROUTES.projectsUnder, parent, 'projects'),
      list<ApiFolder>(ROUTES.foldersUnder, parent, 'folders'),
    ]);
    const here = [...path, parent];
    for (const project of projects) {
      if (typeof project.projectId !== 'string' || project.projectId === '')
        throw new DiscoveryError(`${parent}: a listed project has no projectId`);
      // The id goes into request paths and file names: one that is not a project id is not taken as one.
      if (!PROJECT_ID.test(project.projectId))
        throw new DiscoveryError(
          `${parent}: a listed project's id ${JSON.stringify(project.projectId)} is not a project id`,
        );
      // projects.list returns ACTIVE projects unless asked for deleted ones (DELETE_REQUESTED); a state gtp does
      // not know is not taken as either.
      if (project.state === 'DELETE_REQUESTED') {
        skipped.push({ projectId: project.projectId, reason: 'state DELETE_REQUESTED' });
        continue;
      }
      if (project.state !== 'ACTIVE')
        throw new DiscoveryError(`${parent}: project ${project.projectId} has state ${project.state ?? '(none)'}`);
      // Identity is checked, not trusted: the number is what shards hash and what findings are filed by.
      if (project.name !== undefined && (typeof project.name !== 'string' || !/^projects\/\d+$/.test(project.name)))
        throw new DiscoveryError(`${parent}: project ${project.projectId}: name is not projects/NUMBER`);
      if (
        project.labels !== undefined &&
        (project.labels === null ||
          typeof project.labels !== 'object' ||
          Object.values(project.labels).some((v) => typeof v !== 'string'))
      )
        throw new DiscoveryError(`${parent}: project ${project.projectId}: labels is not a map of strings`);
      found.push({
        projectId: project.projectId,
        ...(project.name ? { name: project.name } : {}),
        path: here,
        labels: project.labels ?? {},
        resource: project,
      });
    }
    const children = folders.filter((folder) => {
      if (typeof folder.name !== 'string' || !/^folders\/\d+$/.test(folder.name))
        throw new DiscoveryError(`${parent}: a listed folder has no name of the form folders/NUMBER`);
      if (folder.state === 'DELETE_REQUESTED') return false;
      if (folder.state !== 'ACTIVE')
        throw new DiscoveryError(`${parent}: folder ${folder.name} has state ${folder.state ?? '(none)'}`);
      if (typeof folder.displayName === 'string') folderNames[folder.name] = folder.displayName;
      return true;
    });
    await Promise.all(children.map((folder) => walk(folder.name!, here)));
  };
  await walk(root, []);
  assertOnceEach(found);
  found.sort((a, b) => compareText(a.projectId, b.projectId));
  const folders = Object.fromEntries(Object.entries(folderNames).sort(([a], [b]) => compareText(a, b)));
  return { scope: root, projects: keep(found), folders, skipped };
}

/**
 * Each project once, by id and by number: a list that repeats a project (a page served twice, an answer that lies)
 * cannot be trusted to be the organization, and two ids with one number would judge one on the other's resources.
 */
function assertOnceEach(found: readonly DiscoveredProject[]): void {
  const byId = new Map<string, DiscoveredProject>();
  const byNumber = new Map<string, DiscoveredProject>();
  for (const project of found) {
    const where = project.path.at(-1) ?? '(scope)';
    const sameId = byId.get(project.projectId);
    if (sameId)
      throw new DiscoveryError(
        `${where}: project ${project.projectId} is listed twice (also under ${sameId.path.at(-1) ?? '(scope)'}): the list cannot be trusted`,
      );
    byId.set(project.projectId, project);
    if (!project.name) continue;
    const sameNumber = byNumber.get(project.name);
    if (sameNumber)
      throw new DiscoveryError(
        `${where}: projects ${sameNumber.projectId} and ${project.projectId} are both ${project.name}: the list cannot be trusted`,
      );
    byNumber.set(project.name, project);
  }
}
