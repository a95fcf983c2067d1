import { ROUTES } from '../gcp/routes.js';
import { answerFromWorld, type World } from '../gcp/world.js';
import { compareText } from '../util/text.js';
import { failure, type Answer } from './errors.js';
import { listPage } from './pagination.js';

const RM = 'cloudresourcemanager.googleapis.com/v3';

/**
 * Security Command Center's findings list for a whole organization, served from what the world holds: the findings
 * of every project whose ancestry reaches the organization, filtered as each project's list is. Each result's
 * resource carries `gcpMetadata` (the project's full resource name and its id) as Google fills it in: a world
 * keeps the project-level lists, where a finding's project is the list's own.
 */
export class EmulatedOrganizationFindings {
  /**
   * Each list's findings, made on its first page and kept: the world does not change once served (the inventory's
   * assets are filed once too), and making them reads every project of the world, which at 10,000 projects took
   * seconds a page while many shards each paged through the same list.
   */
  private readonly lists = new Map<string, unknown[]>();

  constructor(private readonly world: World) {}

  answer(
    routeId: string,
    params: Record<string, string>,
    query: URLSearchParams,
    pageSize: number | undefined,
  ): Answer | undefined {
    const inLocation = routeId === ROUTES.sccOrganizationFindingsInLocation.id;
    if (routeId !== ROUTES.sccOrganizationFindings.id && !inLocation) return undefined;
    const organization = `organizations/${params.organization}`;
    const key = JSON.stringify([routeId, organization, params.source, params.location, params.filter ?? '']);
    let results = this.lists.get(key);
    if (!results) {
      const projects = this.projectsUnder(organization);
      // An organization the world knows nothing of is refused, as Google refuses one the caller cannot see.
      if (projects.length === 0)
        return failure(403, 'PERMISSION_DENIED', `The caller does not have permission on ${organization}`);
      results = this.findingsOf(projects, organization, inLocation, params);
      this.lists.set(key, results);
    }
    const route = inLocation ? ROUTES.sccOrganizationFindingsInLocation : ROUTES.sccOrganizationFindings;
    return [200, listPage(route, results, query, pageSize)];
  }

  private findingsOf(
    projects: readonly { id: string; number: string }[],
    organization: string,
    inLocation: boolean,
    params: Record<string, string>,
  ): unknown[] {
    const results: unknown[] = [];
    for (const { id, number } of projects) {
      const answer = answerFromWorld(this.world, inLocation ? ROUTES.sccFindingsInLocation : ROUTES.sccFindings, {
        project: id,
        source: params.source!,
        ...(inLocation ? { location: params.location! } : {}),
        filter: params.filter ?? '',
      });
      if (answer.status !== 'found') continue;
      for (const result of answer.value as { resource?: Record<string, unknown> }[]) {
        const resource = result.resource ?? {};
        results.push({
          ...result,
          resource: {
            ...resource,
            gcpMetadata: (resource.gcpMetadata as object | undefined) ?? {
              project: `//cloudresourcemanager.googleapis.com/${number}`,
              projectDisplayName: id,
              organization,
            },
          },
        });
      }
    }
    return results;
  }

  /**
   * The world's projects below the organization, as Resource Manager lists them (projects and folders by parent,
   * folder by folder), by id with their projects/NUMBER.
   */
  private projectsUnder(organization: string): { id: string; number: string }[] {
    const out = new Map<string, string>();
    const parents = [organization];
    for (let i = 0; i < parents.length && i < 10_000; i++) {
      const parent = encodeURIComponent(parents[i]!);
      for (const p of (this.world[`${RM}/projects?parent=${parent}`] as ProjectRecord[] | undefined) ?? [])
        if (p.projectId && p.name && (p.state ?? 'ACTIVE') === 'ACTIVE') out.set(p.projectId, p.name);
      for (const f of (this.world[`${RM}/folders?parent=${parent}`] as { name?: string }[] | undefined) ?? [])
        if (f.name) parents.push(f.name);
    }
    // A world of single projects names each one's parent in its own record.
    for (const [key, value] of Object.entries(this.world)) {
      const id = /^cloudresourcemanager\.googleapis\.com\/v3\/projects\/([a-z][a-z0-9-]*)$/.exec(key)?.[1];
      const record = value as ProjectRecord | null;
      if (id && record?.name && this.reaches(record.parent, organization)) out.set(id, record.name);
    }
    return [...out].map(([id, number]) => ({ id, number })).sort((a, b) => compareText(a.id, b.id));
  }

  private reaches(parent: string | undefined, organization: string): boolean {
    for (let at = parent, hops = 0; at && hops < 20; hops++) {
      if (at === organization) return true;
      at = (this.world[`${RM}/${at}`] as { parent?: string } | undefined)?.parent;
    }
    return false;
  }
}

interface ProjectRecord {
  name?: string;
  projectId?: string;
  parent?: string;
  state?: string;
}
