import { ROUTES, type Route } from '../gcp/routes.js';
import { SourceInFront, type RestSource } from '../gcp/source.js';
import { exactJson, type Slice, type Spool } from '../util/spool.js';
import type { DiscoveredProject } from './discover.js';

/**
 * The live source with the organization's discovery in front: each project's own read (projects.get, for its number
 * and parent) is answered with the Project that projects.list returned for it while discovering, the same resource
 * of the same API, instead of one request per project. A project discovery did not list goes to the API.
 *
 * Each Project waits for its audit as JSON text in the run's spool, as the inventory's assets do: an organization's
 * projects are all discovered before the first is judged, and held as objects they would grow the audit's memory
 * with the organization.
 */
export class DiscoveredProjectsSource extends SourceInFront {
  private readonly projects = new Map<string, Slice | { kept: unknown }>();

  constructor(
    api: RestSource,
    discovered: readonly DiscoveredProject[],
    private readonly spool: Spool,
  ) {
    super(api);
    for (const { projectId, resource } of discovered) {
      if (resource === undefined) continue;
      const text = exactJson(resource);
      // A resource JSON would not give back as it is stays an object (none comes so over REST).
      this.projects.set(projectId, text === undefined ? { kept: resource } : spool.append(text));
    }
  }

  override answerLocally(route: Route, params: Record<string, string>): (() => unknown) | undefined {
    const place = route === ROUTES.project && params.project ? this.projects.get(params.project) : undefined;
    if (!place) return super.answerLocally(route, params);
    // A copy each time: a check or collection that edits what it read cannot change what the next read is answered
    // with.
    return 'kept' in place ? () => structuredClone(place.kept) : () => JSON.parse(this.spool.read(place)) as unknown;
  }

  override forget(projectId: string): void {
    this.projects.delete(projectId);
    super.forget(projectId);
  }
}

/** The discovered projects without their resources, once a DiscoveredProjectsSource holds them in its spool. */
export function withoutResources(projects: readonly DiscoveredProject[]): DiscoveredProject[] {
  return projects.map(({ resource: _resource, ...place }) => place);
}
