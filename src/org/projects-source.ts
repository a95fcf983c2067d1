import { ROUTES, type Route } from '../gcp/routes.js';
import { SourceInFront, type RestSource } from '../gcp/source.js';
import type { DiscoveredProject } from './discover.js';

/**
 * The live source with the organization's discovery in front: each project's own read (projects.get, for its number
 * and parent) is answered with the Project that projects.list returned for it while discovering, the same resource
 * of the same API, instead of one request per project. A project discovery did not list goes to the API.
 */
export class DiscoveredProjectsSource extends SourceInFront {
  private readonly projects: Map<string, unknown>;

  constructor(api: RestSource, discovered: readonly DiscoveredProject[]) {
    super(api);
    this.projects = new Map(discovered.flatMap((p) => (p.resource ? [[p.projectId, p.resource] as const] : [])));
  }

  override answerLocally(route: Route, params: Record<string, string>): (() => unknown) | undefined {
    const project = route === ROUTES.project && params.project ? this.projects.get(params.project) : undefined;
    // A copy: a check or collection that edits what it read cannot change what the next read is answered with.
    if (project) return () => structuredClone(project);
    return super.answerLocally(route, params);
  }

  override forget(projectId: string): void {
    this.projects.delete(projectId);
    super.forget(projectId);
  }
}
