import { classifyError, describeError } from '../gcp/errors.js';
import { readAncestry } from '../gcp/hierarchy-read.js';
import { ROUTES } from '../gcp/routes.js';
import type { LocalIo } from '../gcp/source.js';
import type { ConstraintReading, OrgPolicy } from './model.js';

/** A policy set at one level, or null where none is (Organization Policy answers 404 NOT_FOUND). */
async function policyAt(io: LocalIo, resource: string, constraint: string): Promise<OrgPolicy | null> {
  const [kind, id] = resource.split('/') as [string, string];
  const route =
    kind === 'projects'
      ? ROUTES.orgPolicyOfProject
      : kind === 'folders'
        ? ROUTES.orgPolicyOfFolder
        : ROUTES.orgPolicyOfOrganization;
  const param = kind === 'projects' ? 'project' : kind === 'folders' ? 'folder' : 'organization';
  try {
    return (await io.fetch(route, { [param]: id, constraint })) as OrgPolicy;
  } catch (error) {
    if (classifyError(error).kind === 'not-found') return null;
    throw error;
  }
}

/**
 * One boolean constraint as the hierarchy above a project holds it: the effective policy, and the policy set at the
 * project, each folder and the organization. Never throws: what could not be read is said in the reading.
 */
export async function readConstraint(project: string, constraint: string, io: LocalIo): Promise<ConstraintReading> {
  try {
    const effective = (await io.fetch(ROUTES.orgPolicyEffective, { project, constraint })) as OrgPolicy;
    const ancestry = await readAncestry(await io.fetch(ROUTES.project, { project }), io);
    const levels = [`projects/${project}`, ...ancestry.ancestors];
    const unreadable = ancestry.unreadable ? [`${ancestry.unreadable} (so what lies above it is unknown)`] : [];
    const set = await Promise.all(
      levels.map(async (resource) => {
        try {
          return { resource, policy: await policyAt(io, resource, constraint) };
        } catch (error) {
          unreadable.push(`${resource}: ${describeError(error)}`);
          return { resource, policy: null };
        }
      }),
    );
    return { read: true, constraint, project: `projects/${project}`, effective: effective ?? {}, set, unreadable };
  } catch (error) {
    return { read: false, why: describeError(error) };
  }
}
