import { describeError as why } from './errors.js';
import type { Ancestry, AncestorPolicies } from './model/hierarchy.js';
import type { Entitlement, ReachingEntitlements } from './model/pam.js';
import { ROUTES, type Route } from './routes.js';
import type { LocalIo } from './source.js';

/** More levels than Resource Manager allows (ten folders deep, then the organization): a loop, not a hierarchy. */
const MAX_DEPTH = 12;

/** A folder's or the organization's answer is the same for every project below it: read once per audit. */
const read = (io: LocalIo, route: Route, params: Record<string, string>): Promise<unknown> => io.fetch(route, params);

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

/**
 * One read at each ancestor (a folder's route or the organization's), in the ancestry's order. An ancestor that
 * cannot be read is named with the reason in `unreadable`, never taken as empty; so is a walk that stopped short.
 */
async function atEachAncestor<T>(
  ancestry: Ancestry,
  io: LocalIo,
  routes: { folder: Route; organization: Route },
): Promise<{ read: { resource: string; value: T }[]; unreadable: string[] }> {
  const outcomes = await Promise.all(
    ancestry.ancestors.map(async (resource): Promise<{ resource: string; value: T } | string> => {
      const folder = /^folders\/(\d+)$/.exec(resource)?.[1];
      const organization = /^organizations\/(\d+)$/.exec(resource)?.[1];
      try {
        if (folder) return { resource, value: (await read(io, routes.folder, { folder })) as T };
        if (organization) return { resource, value: (await read(io, routes.organization, { organization })) as T };
        return `${resource}: not a folder or an organization`;
      } catch (error) {
        return `${resource}: ${why(error)}`;
      }
    }),
  );
  return {
    read: outcomes.filter((o): o is { resource: string; value: T } => typeof o !== 'string'),
    unreadable: [
      ...(ancestry.unreadable ? [`${ancestry.unreadable} (so what lies above it is unknown)`] : []),
      ...outcomes.filter((o): o is string => typeof o === 'string'),
    ],
  };
}

/** Each ancestor's IAM policy (version 3). */
export async function readAncestorPolicies(ancestry: Ancestry, io: LocalIo): Promise<AncestorPolicies> {
  const { read: policies, unreadable } = await atEachAncestor<AncestorPolicies['policies'][number]['policy']>(
    ancestry,
    io,
    { folder: ROUTES.folderIamPolicy, organization: ROUTES.organizationIamPolicy },
  );
  return { policies: policies.map(({ resource, value }) => ({ resource, policy: value })), unreadable };
}

/**
 * The Privileged Access Manager entitlements that can grant roles on the project: the project's own (a failure is
 * the collection's), then each folder's and the organization's.
 */
export async function readEntitlements(
  project: string,
  ancestry: Ancestry,
  io: LocalIo,
): Promise<ReachingEntitlements> {
  const own = (await read(io, ROUTES.pamProjectEntitlements, { project })) as Entitlement[];
  const above = await atEachAncestor<Entitlement[]>(ancestry, io, {
    folder: ROUTES.pamFolderEntitlements,
    organization: ROUTES.pamOrganizationEntitlements,
  });
  return {
    levels: [
      { resource: `projects/${project}`, entitlements: own },
      ...above.read.map(({ resource, value }) => ({ resource, entitlements: value })),
    ],
    unreadable: above.unreadable,
  };
}
