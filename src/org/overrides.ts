import type { Register, RegisterOverride } from '../matrix/schema.js';

/** Where a project sits: its id and the folders above it (folders/NUMBER, outermost first). */
export interface ProjectPlace {
  projectId: string;
  path: readonly string[];
}

/**
 * The overrides that reach a project, in the order they apply: folders from the outermost in (a nearer folder
 * wins), then the project's own; within one scope, in the order the register lists them.
 */
export function overridesFor(register: Register, place: ProjectPlace): RegisterOverride[] {
  const depth = (o: RegisterOverride): number =>
    o.project !== undefined ? Infinity : place.path.indexOf(`folders/${o.folder}`);
  return register.overrides
    .filter((o) => (o.project !== undefined ? o.project === place.projectId : depth(o) >= 0))
    .map((o, index) => ({ o, index }))
    .sort((a, b) => depth(a.o) - depth(b.o) || a.index - b.index)
    .map(({ o }) => o);
}

/** The register as it holds for one project: the organization's, with the overrides that reach the project. */
export function registerFor(register: Register, place: ProjectPlace): Register {
  const overrides = overridesFor(register, place);
  if (overrides.length === 0) return register;
  let resources = register.resources;
  let settings = register.settings;
  const attestations = new Map<string, NonNullable<RegisterOverride['attestations']>[string]>();
  for (const o of overrides) {
    if (o.resources) resources = { ...resources, ...o.resources };
    if (o.settings) settings = { ...settings, ...o.settings };
    for (const [id, sides] of Object.entries(o.attestations ?? {}))
      attestations.set(id, { ...attestations.get(id), ...sides });
  }
  const risks = register.risks.map((risk) => {
    const sides = attestations.get(risk.id);
    if (!sides) return risk;
    return {
      ...risk,
      ...(risk.existing && sides.existing ? { existing: { ...risk.existing, attestation: sides.existing } } : {}),
      ...(risk.proposed && sides.proposed ? { proposed: { ...risk.proposed, attestation: sides.proposed } } : {}),
    };
  });
  return { ...register, resources, settings, risks };
}

/** An override that reaches no project of the scope: which one, the key that names nothing, and why. */
export interface StrayOverride {
  index: number;
  key: 'folder' | 'project';
  message: string;
}

/**
 * The overrides that reach no project of the scope: a folder no project lies in and no walk reached, or a project
 * that is not in the scope. A typo would drop an override silently; each one is said instead, as
 * `overrides[I]: folders/N is …`.
 */
export function overridesNamingNothing(
  register: Register,
  scope: {
    scope: string;
    folders: Record<string, string>;
    projects: readonly ProjectPlace[];
    skipped: readonly { projectId: string }[];
  },
): StrayOverride[] {
  const folders = new Set([...Object.keys(scope.folders), ...scope.projects.flatMap((p) => p.path)]);
  const projects = new Set([...scope.projects.map((p) => p.projectId), ...scope.skipped.map((p) => p.projectId)]);
  return register.overrides.flatMap((o, index): StrayOverride[] => {
    if (o.project !== undefined && !projects.has(o.project))
      return [
        {
          index,
          key: 'project',
          message: `overrides[${index}]: project ${o.project} is not in ${scope.scope}: the override reaches nothing`,
        },
      ];
    if (o.folder !== undefined && !folders.has(`folders/${o.folder}`))
      return [
        {
          index,
          key: 'folder',
          message: `overrides[${index}]: folders/${o.folder} is not in ${scope.scope}: the override reaches nothing`,
        },
      ];
    return [];
  });
}
