import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { InputError, type SourceProblem } from '../util/errors.js';
import { IMPACT_LABELS, PROBABILITY_LABELS } from './scales.js';
import { registerSchema, type Register } from './schema.js';

export interface LoadedRegister {
  file: string;
  register: Register;
  /** Line and column (1-based) of the value at a path such as ['risks', 3, 'existing'], or of its key. */
  locate(path: readonly (string | number)[], pointAtKey?: boolean): { line: number; column: number };
}

export interface LoadOptions {
  /** Check ids that exist; a reference to any other id is an error. */
  knownChecks?: ReadonlySet<string>;
}

export async function loadRegisterFile(file: string, options: LoadOptions = {}): Promise<LoadedRegister> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new InputError(`cannot read register ${file}: ${reason}`, [{ file, line: 1, column: 1, message: `cannot read register: ${reason}` }]);
  }
  return parseRegister(text, file, options);
}

export function parseRegister(text: string, file: string, options: LoadOptions = {}): LoadedRegister {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const locate = (path: readonly (string | number)[], pointAtKey = false) => at(offsetOf(doc, path, pointAtKey));

  const syntax = doc.errors.map((e): SourceProblem => ({ file, ...at(e.pos[0]), message: `YAML ${e.message.split('\n')[0]}` }));
  if (syntax.length > 0) throw new InputError(`${file} is not valid YAML`, syntax);

  const parsed = registerSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => problemsOf(issue, file, doc, locate));
    throw new InputError(`${file} is not a valid register`, sortProblems(problems));
  }
  const register = parsed.data;
  const problems = crossReferenceProblems(register, options).map(({ path, message }) => ({ file, ...locate(path), message }));
  if (problems.length > 0) throw new InputError(`${file} is not a valid register`, sortProblems(problems));
  return { file, register, locate };
}

function problemsOf(
  issue: z.core.$ZodIssue,
  file: string,
  doc: Document,
  locate: LoadedRegister['locate'],
): SourceProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const field = path.length > 0 ? path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file,
      ...locate([...path, key], true),
      message: `${field === '(top level)' ? key : `${field}.${key}`}: unknown key "${key}"${suggestion(key, path)}`,
    }));
  }
  const located = nearestExisting(doc, path);
  return [{ file, ...locate(located), message: `${field}: ${describeIssue(issue, doc, path)}` }];
}

function describeIssue(issue: z.core.$ZodIssue, doc: Document, path: (string | number)[]): string {
  if (issue.code === 'invalid_type') {
    const actual = doc.getIn(path);
    if (actual === undefined) return `required ${issue.expected} is missing`;
    return `expected ${issue.expected}, got ${JSON.stringify(actual)}`;
  }
  if (issue.code === 'invalid_value' || issue.code === 'custom') {
    if (!doc.hasIn(path)) return `is required: ${issue.code === 'invalid_value' ? `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.message}`;
  }
  if (issue.code === 'invalid_value') {
    const labels = path.at(-1) === 'probability' ? PROBABILITY_LABELS : path.at(-1) === 'impact' ? IMPACT_LABELS : undefined;
    const allowed = issue.values.map((v) => (labels?.has(v as number) ? `${String(v)} (${labels.get(v as number)})` : JSON.stringify(v)));
    return `must be one of ${allowed.join(', ')}, got ${JSON.stringify(doc.getIn(path))}`;
  }
  if (issue.code === 'custom') return `${issue.message}, got ${JSON.stringify(doc.getIn(path))}`;
  return issue.message;
}

/** Offset of the value at path, or of its key (so that the caret lands on a misspelt key). */
function offsetOf(doc: Document, path: readonly (string | number)[], pointAtKey = false): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
      if (pair.value && (pair.value as Node).range) offset = (pair.value as Node).range![0];
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  const last = path.at(-1);
  const parent = doc.getIn(path.slice(0, -1), true);
  if (pointAtKey && typeof last === 'string' && isMap(parent)) {
    const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === last);
    if (pair && (pair.key as Node).range) return (pair.key as Node).range![0];
  }
  return offset;
}

function nearestExisting(doc: Document, path: (string | number)[]): (string | number)[] {
  for (let n = path.length; n > 0; n--) {
    if (doc.hasIn(path.slice(0, n))) return path.slice(0, n);
  }
  return [];
}

function suggestion(key: string, path: (string | number)[]): string {
  const known = KNOWN_KEYS[shapeOf(path)] ?? [];
  const close = known.find((k) => editDistance(k, key) <= 2);
  return close ? ` (did you mean "${close}"?)` : '';
}

function shapeOf(path: (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');
}

const KNOWN_KEYS: Record<string, string[]> = {
  '': ['version', 'title', 'project', 'resources', 'settings', 'tables', 'risks', 'crossChecks', 'goals', 'milestones', 'availability'],
  'risks.*': ['id', 'table', 'category', 'title', 'probability', 'impact', 'status', 'existing', 'proposed', 'milestone'],
  'risks.*.existing': ['text', 'checks', 'effect', 'attestation'],
  'risks.*.proposed': ['text', 'checks', 'effect', 'attestation'],
  'milestones.*': ['id', 'number', 'title', 'goal', 'scope'],
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}

interface PathProblem {
  path: (string | number)[];
  message: string;
}

function crossReferenceProblems(register: Register, options: LoadOptions): PathProblem[] {
  const problems: PathProblem[] = [];
  const duplicates = (kind: string, ids: string[], pathOf: (i: number) => (string | number)[]) => {
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, i);
      else problems.push({ path: pathOf(i), message: `${pathOf(i).join('.')}: duplicate ${kind} id "${id}" (first at index ${earlier})` });
    });
  };
  duplicates('table', register.tables.map((t) => t.id), (i) => ['tables', i, 'id']);
  duplicates('risk', register.risks.map((r) => r.id), (i) => ['risks', i, 'id']);
  duplicates('milestone', register.milestones.map((m) => m.id), (i) => ['milestones', i, 'id']);

  const tables = new Set(register.tables.map((t) => t.id));
  const milestones = new Set(register.milestones.map((m) => m.id));
  register.risks.forEach((risk, i) => {
    if (!tables.has(risk.table)) {
      problems.push({ path: ['risks', i, 'table'], message: `risks.${i}.table: unknown table "${risk.table}" (tables: ${[...tables].join(', ')})` });
    }
    if (risk.milestone !== undefined && !milestones.has(risk.milestone)) {
      problems.push({ path: ['risks', i, 'milestone'], message: `risks.${i}.milestone: unknown milestone "${risk.milestone}"` });
    }
    for (const side of ['existing', 'proposed'] as const) {
      risk[side]?.checks.forEach((check, j) => {
        if (options.knownChecks && !options.knownChecks.has(check)) {
          problems.push({ path: ['risks', i, side, 'checks', j], message: `risks.${i}.${side}.checks.${j}: unknown check "${check}"` });
        }
      });
    }
  });
  register.milestones.forEach((milestone, i) =>
    milestone.scope.forEach((item, j) =>
      item.checks.forEach((check, k) => {
        if (options.knownChecks && !options.knownChecks.has(check)) {
          problems.push({ path: ['milestones', i, 'scope', j, 'checks', k], message: `milestones.${i}.scope.${j}.checks.${k}: unknown check "${check}"` });
        }
      }),
    ),
  );
  register.crossChecks.forEach((check, i) => {
    if (options.knownChecks && !options.knownChecks.has(check)) problems.push({ path: ['crossChecks', i], message: `crossChecks.${i}: unknown check "${check}"` });
  });
  register.availability?.tiers.forEach((tier, i) => {
    tier.requires.milestones.forEach((id, j) => {
      if (!milestones.has(id)) {
        problems.push({ path: ['availability', 'tiers', i, 'requires', 'milestones', j], message: `availability.tiers.${i}.requires.milestones.${j}: unknown milestone "${id}"` });
      }
    });
    tier.requires.checks.forEach((check, j) => {
      if (options.knownChecks && !options.knownChecks.has(check)) {
        problems.push({ path: ['availability', 'tiers', i, 'requires', 'checks', j], message: `availability.tiers.${i}.requires.checks.${j}: unknown check "${check}"` });
      }
    });
  });
  return problems;
}

function sortProblems(problems: SourceProblem[]): SourceProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}
