import type { World } from '../gcp/world.js';

/**
 * A generated organization for tests and benchmarks: N projects in folders, a realistic mix of the bundled worlds,
 * served through the same Resource Manager and service routes as a hand-written world.
 *
 * - 4 in 10 projects are the reference stack as the seed describes it (what it declares unmitigated is so);
 * - 2 in 10 have drifted from it (examples/worlds/drifted.json: mitigations the register declares now fail);
 * - 3 in 10 are the hardened stack, in the `production` folder whose IAM policy turns on data-access audit logs;
 * - 1 in 10 refuse gtp its Cloud SQL reads (the returned deny globs), so their SQL controls are unverified.
 *
 * Projects are named syn-00000 … in order; the mix and the folders follow from the index alone.
 */
export interface SyntheticOrganization {
  world: World;
  /** Path globs to answer 403: the Cloud SQL reads of the denied projects. */
  deny: string[];
  organization: string;
}

const ORGANIZATION = 'organizations/111111111111';
/** The hardened world's own folder (its IAM policy holds the data-access audit configuration). */
const PRODUCTION_FOLDER = 'folders/222222222222';
const TEMPLATE_PROJECT = 'acme-prod';
const RM = 'cloudresourcemanager.googleapis.com/v3';
const listKey = (kind: 'projects' | 'folders', parent: string) => `${RM}/${kind}?parent=${encodeURIComponent(parent)}`;

export type SyntheticKind = 'seed' | 'drifted' | 'hardened' | 'denied';

export function syntheticKind(index: number): SyntheticKind {
  const tenth = index % 10;
  return tenth < 4 ? 'seed' : tenth < 6 ? 'drifted' : tenth < 9 ? 'hardened' : 'denied';
}

export function syntheticProjectId(index: number): string {
  return `syn-${String(index).padStart(5, '0')}`;
}

/** The template world's entries for one project: its id everywhere (the shared state bucket keeps its name). */
function projectEntries(template: World, projectId: string): World {
  const text = JSON.stringify(template).replace(new RegExp(`${TEMPLATE_PROJECT}(?!-tfstate)`, 'g'), projectId);
  const world = JSON.parse(text) as World;
  delete world.$capturedAt;
  // The hierarchy is the organization's, written below, not the template's.
  for (const key of Object.keys(world))
    if (key.startsWith(`${RM}/folders/`) || key.startsWith(`${RM}/organizations/`)) delete world[key];
  return world;
}

export function syntheticOrganization(
  size: number,
  templates: Record<'seed' | 'drifted' | 'hardened', World>,
): SyntheticOrganization {
  const world: World = { $capturedAt: templates.seed.$capturedAt };
  const deny: string[] = [];
  const folder = (name: string, parent: string, displayName: string) => {
    world[`${RM}/${name}`] = { name, parent, displayName, state: 'ACTIVE' };
    ((world[listKey('folders', parent)] ??= []) as unknown[]).push({ name, parent, displayName, state: 'ACTIVE' });
    world[listKey('projects', name)] ??= [];
    world[listKey('folders', name)] ??= [];
  };
  world[listKey('projects', ORGANIZATION)] = [];
  world[listKey('folders', ORGANIZATION)] = [];
  folder(PRODUCTION_FOLDER, ORGANIZATION, 'production');
  world[`${RM}/${PRODUCTION_FOLDER}:getIamPolicy`] = templates.hardened[`${RM}/${PRODUCTION_FOLDER}:getIamPolicy`];
  // The organization's own policy (write audit logs everywhere), as the hardened world holds it.
  world[`${RM}/${ORGANIZATION}:getIamPolicy`] = templates.hardened[`${RM}/${ORGANIZATION}:getIamPolicy`];
  // Ten teams, each with a prod and a dev folder, for the other projects.
  const teamFolders: string[] = [];
  for (let team = 0; team < 10; team++) {
    const teamFolder = `folders/3000000000${String(team).padStart(2, '0')}`;
    folder(teamFolder, ORGANIZATION, `team-${team}`);
    for (const [i, env] of ['prod', 'dev'].entries()) {
      const leaf = `folders/3100000000${String(team * 2 + i).padStart(2, '0')}`;
      folder(leaf, teamFolder, env);
      teamFolders.push(leaf);
    }
  }
  for (let index = 0; index < size; index++) {
    const projectId = syntheticProjectId(index);
    const kind = syntheticKind(index);
    const parent = kind === 'hardened' ? PRODUCTION_FOLDER : teamFolders[index % teamFolders.length]!;
    const entries = projectEntries(templates[kind === 'denied' ? 'seed' : kind], projectId);
    const number = `projects/${200000000000 + index}`;
    const project = { name: number, projectId, displayName: projectId, parent, state: 'ACTIVE', labels: { kind } };
    entries[`${RM}/projects/${projectId}`] = project;
    Object.assign(world, entries);
    (world[listKey('projects', parent)] as unknown[]).push(project);
    if (kind === 'denied') deny.push(`/v1/projects/${projectId}/instances*`);
  }
  return { world, deny, organization: ORGANIZATION.split('/')[1]! };
}
