import type { CheckDefinition } from '../checks/types.js';
import { COLLECTIONS, type CollectionId } from '../gcp/collections.js';

/** What one check needs from the caller and the project: permissions (by where they are granted) and APIs. */
export interface Requirement {
  check: string;
  projectPermissions: string[];
  billingAccountPermissions: string[];
  /** Read on the folders and organization above the project (inherited settings): granted there, not on it. */
  ancestorPermissions: string[];
  apis: string[];
}

function closure(ids: readonly CollectionId[]): CollectionId[] {
  const seen = new Set<CollectionId>();
  const visit = (id: CollectionId) => {
    if (seen.has(id)) return;
    seen.add(id);
    COLLECTIONS[id].dependsOn.forEach(visit);
  };
  ids.forEach(visit);
  return [...seen];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** Derived from the REST calls each check's collections make, so it cannot drift from what gtp really calls. */
export function requirementsOf(checks: readonly CheckDefinition[]): Requirement[] {
  return checks.map((check) => {
    const collections = closure(check.collects).map((id) => COLLECTIONS[id]);
    const routes = collections.flatMap((c) => c.routes);
    return {
      check: check.id,
      projectPermissions: sorted([
        ...routes.filter((r) => r.permissionScope === undefined).map((r) => r.permission),
        ...collections.flatMap((c) => c.extraPermissions ?? []),
        ...(check.reads?.permissions ?? []),
      ]),
      billingAccountPermissions: sorted(
        routes.filter((r) => r.permissionScope === 'billingAccount').map((r) => r.permission),
      ),
      ancestorPermissions: sorted(routes.filter((r) => r.permissionScope === 'ancestors').map((r) => r.permission)),
      apis: sorted([
        ...collections
          .filter((c) => c.readOnlyWhen === undefined)
          .map((c) => c.api)
          .filter(Boolean),
        ...(check.reads?.apis ?? []),
      ]),
    };
  });
}

/** The union over checks, for a role that grants exactly what gtp needs. */
export function unionOf(requirements: readonly Requirement[]): Omit<Requirement, 'check'> {
  return {
    projectPermissions: sorted(requirements.flatMap((r) => r.projectPermissions)),
    billingAccountPermissions: sorted(requirements.flatMap((r) => r.billingAccountPermissions)),
    ancestorPermissions: sorted(requirements.flatMap((r) => r.ancestorPermissions)),
    apis: sorted(requirements.flatMap((r) => r.apis)),
  };
}
