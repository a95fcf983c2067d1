import { describeError as why, needing } from './errors.js';
import type { Ancestry, AncestorPolicies } from './model/hierarchy.js';
import type { Entitlement, ReachingEntitlements } from './model/pam.js';
import { routeKey, ROUTES, type Route } from './routes.js';
import type { LocalIo } from './source.js';

/** More levels than Resource Manager allows (ten folders deep, then the organization): a loop, not a hierarchy. */
const MAX_DEPTH = 12;

async function read(io: LocalIo, route: Route, params: Record<string, string>): Promise<unknown> {
  const value = await io.call(() => needing(route.permission, () => io.source.fetch(route, params)));
  io.record(routeKey(route, params), value);
  return value;
}

/**
 * Walks up from the project's parent: each folder is read for its own parent, up to the organization. A folder that
 * cannot be read ends the walk with the reason; the ancestors found so far are kept.
 */
export async function readAncestry(project: unknown, io: LocalIo): Promise<Ancestry> {
  const ancestors: string[] = [];
  let parent = (project as { parent?: unknown } | null)?.parent;
  while (typeof parent === 'string' && parent !== '') {
    if (ancestors.includes(parent) || ancestors.length >= MAX_DEPTH)
      return { ancestors, unreadable: `${parent}: the parents do not end at an organization` };
    ancestors.push(parent);
    const folder = /^folders\/(\d+)$/.exec(parent)?.[1];
    if (!folder) break;
    try {
      parent = ((await read(io, ROUTES.folder, { folder })) as { parent?: unknown } | null)?.parent;
    } catch (error) {
      return { ancestors, unreadable: `${parent}: ${why(error)}` };
    }
  }
  return { ancestors };
}

/** Each ancestor's IAM policy (version 3); one that cannot be read is named with the reason, never taken as empty. */
export async function readAncestorPolicies(ancestry: Ancestry, io: LocalIo): Promise<AncestorPolicies> {
  const result: AncestorPolicies = {
    policies: [],
    unreadable: ancestry.unreadable ? [`${ancestry.unreadable} (so what lies above it is unknown)`] : [],
  };
  await Promise.all(
    ancestry.ancestors.map(async (resource) => {
      const folder = /^folders\/(\d+)$/.exec(resource)?.[1];
      const organization = /^organizations\/(\d+)$/.exec(resource)?.[1];
      try {
        const policy = folder
          ? await read(io, ROUTES.folderIamPolicy, { folder })
          : organization
            ? await read(io, ROUTES.organizationIamPolicy, { organization })
            : undefined;
        if (policy === undefined) result.unreadable.push(`${resource}: not a folder or an organization`);
        else result.policies.push({ resource, policy: policy as AncestorPolicies['policies'][number]['policy'] });
      } catch (error) {
        result.unreadable.push(`${resource}: ${why(error)}`);
      }
    }),
  );
  result.policies.sort((a, b) => ancestry.ancestors.indexOf(a.resource) - ancestry.ancestors.indexOf(b.resource));
  return result;
}

/**
 * The Privileged Access Manager entitlements that can grant roles on the project: the project's own (a failure is
 * the collection's), then each folder's and the organization's. A level that cannot be read is named with the reason,
 * never taken as having none.
 */
export async function readEntitlements(
  project: string,
  ancestry: Ancestry,
  io: LocalIo,
): Promise<ReachingEntitlements> {
  const own = (await read(io, ROUTES.pamProjectEntitlements, { project })) as Entitlement[];
  const result: ReachingEntitlements = {
    levels: [{ resource: `projects/${project}`, entitlements: own }],
    unreadable: ancestry.unreadable ? [`${ancestry.unreadable} (so what lies above it is unknown)`] : [],
  };
  const above = await Promise.all(
    ancestry.ancestors.map(async (resource) => {
      const folder = /^folders\/(\d+)$/.exec(resource)?.[1];
      const organization = /^organizations\/(\d+)$/.exec(resource)?.[1];
      try {
        const entitlements = folder
          ? await read(io, ROUTES.pamFolderEntitlements, { folder })
          : organization
            ? await read(io, ROUTES.pamOrganizationEntitlements, { organization })
            : undefined;
        if (entitlements === undefined) result.unreadable.push(`${resource}: not a folder or an organization`);
        return entitlements === undefined ? [] : [{ resource, entitlements: entitlements as Entitlement[] }];
      } catch (error) {
        result.unreadable.push(`${resource}: ${why(error)}`);
        return [];
      }
    }),
  );
  result.levels.push(...above.flat());
  return result;
}
