import { InputError } from '../util/errors.js';
import { parseYamlInput, readInputFile, sortProblems, type Locate } from '../util/yaml-input.js';
import { IMPACT_LABELS, PROBABILITY_LABELS } from './scales.js';
import { registerSchema, type Register } from './schema.js';
import { conditionProblems, probeProblems } from '../probes/validate.js';

export interface LoadedRegister {
  file: string;
  register: Register;
  locate: Locate;
  /** The file's text as read (the history store keeps its digest). */
  text: string;
}

export interface LoadOptions {
  /** Check ids that exist; a reference to any other id is an error. */
  knownChecks?: ReadonlySet<string>;
}

export async function loadRegisterFile(file: string, options: LoadOptions = {}): Promise<LoadedRegister> {
  return parseRegisterWithProbes(await readInputFile(file, 'register'), file, options);
}

/**
 * The register, its probes' conditions compiled too (the CEL engine is loaded for a register that has probes):
 * every problem of the file is found before any request is made.
 */
export async function parseRegisterWithProbes(
  text: string,
  file: string,
  options: LoadOptions = {},
): Promise<LoadedRegister> {
  const loaded = parseRegister(text, file, options);
  const problems = (await conditionProblems(loaded.register, text, loaded.locate)).map((p) => ({ file, ...p }));
  if (problems.length > 0) throw new InputError(`${file} is not a valid register`, sortProblems(problems));
  return loaded;
}

/**
 * The register as far as it is read without the CEL engine: its probes' conditions are compiled by
 * parseRegisterWithProbes (and loadRegisterFile), which every command that audits uses.
 */
export function parseRegister(text: string, file: string, options: LoadOptions = {}): LoadedRegister {
  const { value: register, locate } = parseYamlInput(text, file, registerSchema, {
    what: 'register',
    knownKeys: KNOWN_KEYS,
    valueLabels: (path) =>
      path.at(-1) === 'probability' ? PROBABILITY_LABELS : path.at(-1) === 'impact' ? IMPACT_LABELS : undefined,
  });
  const problems = [
    ...crossReferenceProblems(register, options).map(({ path, message }) => ({ file, ...locate(path), message })),
    ...probeProblems(register, text, locate, options.knownChecks).map((p) => ({ file, ...p })),
  ];
  if (problems.length > 0) throw new InputError(`${file} is not a valid register`, sortProblems(problems));
  return { file, register, locate, text };
}

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': [
    'version',
    'title',
    'project',
    'resources',
    'settings',
    'tables',
    'risks',
    'crossChecks',
    'goals',
    'milestones',
    'availability',
    'probes',
  ],
  'probes.*': ['id', 'title', 'remediation', 'read', 'where', 'require', 'expect'],
  'risks.*': [
    'id',
    'table',
    'category',
    'title',
    'probability',
    'impact',
    'status',
    'existing',
    'proposed',
    'milestone',
  ],
  'risks.*.existing': ['text', 'checks', 'effect', 'attestation'],
  'risks.*.proposed': ['text', 'checks', 'effect', 'attestation'],
  'milestones.*': ['id', 'number', 'title', 'goal', 'scope'],
};

interface PathProblem {
  path: (string | number)[];
  message: string;
}

function crossReferenceProblems(register: Register, loadOptions: LoadOptions): PathProblem[] {
  const problems: PathProblem[] = [];
  // A mitigation names the register's own probes as it names built-in checks.
  const options: LoadOptions = loadOptions.knownChecks
    ? { knownChecks: new Set([...loadOptions.knownChecks, ...register.probes.map((p) => p.id)]) }
    : loadOptions;
  const duplicates = (kind: string, ids: string[], pathOf: (i: number) => (string | number)[]) => {
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, i);
      else
        problems.push({
          path: pathOf(i),
          message: `${pathOf(i).join('.')}: duplicate ${kind} id "${id}" (first at index ${earlier})`,
        });
    });
  };
  duplicates(
    'table',
    register.tables.map((t) => t.id),
    (i) => ['tables', i, 'id'],
  );
  duplicates(
    'risk',
    register.risks.map((r) => r.id),
    (i) => ['risks', i, 'id'],
  );
  duplicates(
    'milestone',
    register.milestones.map((m) => m.id),
    (i) => ['milestones', i, 'id'],
  );

  const tables = new Set(register.tables.map((t) => t.id));
  const milestones = new Set(register.milestones.map((m) => m.id));
  register.risks.forEach((risk, i) => {
    if (!tables.has(risk.table)) {
      problems.push({
        path: ['risks', i, 'table'],
        message: `risks.${i}.table: unknown table "${risk.table}" (tables: ${[...tables].join(', ')})`,
      });
    }
    if (risk.milestone !== undefined && !milestones.has(risk.milestone)) {
      problems.push({
        path: ['risks', i, 'milestone'],
        message: `risks.${i}.milestone: unknown milestone "${risk.milestone}"`,
      });
    }
    for (const side of ['existing', 'proposed'] as const) {
      risk[side]?.checks.forEach((check, j) => {
        if (options.knownChecks && !options.knownChecks.has(check)) {
          problems.push({
            path: ['risks', i, side, 'checks', j],
            message: `risks.${i}.${side}.checks.${j}: unknown check "${check}"`,
          });
        }
      });
    }
  });
  register.milestones.forEach((milestone, i) =>
    milestone.scope.forEach((item, j) =>
      item.checks.forEach((check, k) => {
        if (options.knownChecks && !options.knownChecks.has(check)) {
          problems.push({
            path: ['milestones', i, 'scope', j, 'checks', k],
            message: `milestones.${i}.scope.${j}.checks.${k}: unknown check "${check}"`,
          });
        }
      }),
    ),
  );
  register.crossChecks.forEach((check, i) => {
    if (options.knownChecks && !options.knownChecks.has(check))
      problems.push({ path: ['crossChecks', i], message: `crossChecks.${i}: unknown check "${check}"` });
  });
  register.availability?.tiers.forEach((tier, i) => {
    tier.requires.milestones.forEach((id, j) => {
      if (!milestones.has(id)) {
        problems.push({
          path: ['availability', 'tiers', i, 'requires', 'milestones', j],
          message: `availability.tiers.${i}.requires.milestones.${j}: unknown milestone "${id}"`,
        });
      }
    });
    tier.requires.checks.forEach((check, j) => {
      if (options.knownChecks && !options.knownChecks.has(check)) {
        problems.push({
          path: ['availability', 'tiers', i, 'requires', 'checks', j],
          message: `availability.tiers.${i}.requires.checks.${j}: unknown check "${check}"`,
        });
      }
    });
  });
  const risks = new Map(register.risks.map((r) => [r.id, r]));
  register.overrides.forEach((override, i) => {
    for (const [id, sides] of Object.entries(override.attestations ?? {})) {
      const risk = risks.get(id);
      if (!risk) {
        problems.push({
          path: ['overrides', i, 'attestations', id],
          message: `overrides.${i}.attestations.${id}: unknown risk "${id}"`,
        });
        continue;
      }
      for (const side of ['existing', 'proposed'] as const)
        if (sides[side] && !risk[side])
          problems.push({
            path: ['overrides', i, 'attestations', id, side],
            message: `overrides.${i}.attestations.${id}.${side}: risk "${id}" has no ${side} mitigation to attest`,
          });
    }
  });
  return problems;
}
