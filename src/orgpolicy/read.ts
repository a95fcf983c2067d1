import { classifyError, describeError } from '../gcp/errors.js';
import { readAncestry } from '../gcp/hierarchy-read.js';
import { ROUTES } from '../gcp/routes.js';
import type { Ancestry } from '../gcp/model/hierarchy.js';
import type { LocalIo } from '../gcp/source.js';
import type { ConstraintReading, GuardrailReading, OrgPolicy } from './model.js';
import type { CustomConstraint } from './implies.js';

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
    const ancestry = await readAncestry(await io.fetch(ROUTES.project, { project }), io);
    return await readConstraintWithin(project, constraint, ancestry, io);
  } catch (error) {
    return { read: false, why: describeError(error) };
  }
}

/** The same, for a project whose ancestry is already read (its folders and organization, or why not). */
async function readConstraintWithin(
  project: string,
  constraint: string,
  ancestry: Ancestry,
  io: LocalIo,
): Promise<ConstraintReading> {
  try {
    const effective = (await io.fetch(ROUTES.orgPolicyEffective, { project, constraint })) as OrgPolicy;
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

/** The id a policy names a custom constraint by: the last segment of its name (`custom.…`). */
export const constraintIdOf = (name: string | undefined): string => (name ?? '').split('/').pop() ?? '';

/**
 * The organization's custom constraints, and the enforcement above the project of each one that implies a
 * guardrail's rule (the others are reported with why they do not, and need no policy read). Never throws.
 */
export async function readGuardrails(project: string, ancestry: Ancestry, io: LocalIo): Promise<GuardrailReading> {
  const { GUARDRAILS } = await import('./guardrails.js');
  const { implies } = await import('./implies.js');
  if (ancestry.unreadable)
    return { read: false, why: `the organization above the project is unknown: ${ancestry.unreadable}` };
  const organization = ancestry.ancestors.find((a) => a.startsWith('organizations/'));
  if (!organization) return { read: 'no-organization', project: `projects/${project}` };
  try {
    const listed = await io.fetch(ROUTES.orgCustomConstraints, { organization: organization.split('/')[1]! });
    if (!Array.isArray(listed)) throw new Error(`${organization}/customConstraints: not a list`);
    const constraints = listed as CustomConstraint[];
    const guarding = [
      ...new Set(
        constraints.filter((c) => GUARDRAILS.some((g) => implies(c, g).implies)).map((c) => constraintIdOf(c.name)),
      ),
    ];
    const readings = await Promise.all(guarding.map((id) => readConstraintWithin(project, id, ancestry, io)));
    return {
      read: true,
      organization,
      constraints,
      enforcement: Object.fromEntries(guarding.map((id, i) => [id, readings[i]!])),
    };
  } catch (error) {
    return { read: false, why: describeError(error) };
  }
}
