import type { Register } from '../matrix/schema.js';
import type { Locate } from '../util/yaml-input.js';
import { loadConditions } from './conditions.js';
import { listsOf } from './definition.js';
import { urlProblem } from './url.js';

/** A problem at a line and column of the register file. */
export interface PlacedProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * Where a position inside a condition falls in the file: after the opening quote of a quoted scalar, on the lines
 * below a block scalar (`|`, `>`) at their indentation, or right where a plain scalar starts.
 */
function inFile(
  text: string,
  value: { line: number; column: number },
  inner: { line: number; column: number },
): { line: number; column: number } {
  const lines = text.split('\n');
  const first = lines[value.line - 1] ?? '';
  const opener = first[value.column - 1];
  if (opener === '|' || opener === '>') {
    // The block's indentation is its first line's; the condition's columns count from there.
    const indent = /^\s*/.exec(lines[value.line] ?? '')![0].length;
    return { line: value.line + inner.line, column: indent + inner.column };
  }
  const quoted = opener === '"' || opener === "'" ? 1 : 0;
  return inner.line === 1
    ? { line: value.line, column: value.column + quoted + inner.column - 1 }
    : { line: value.line + inner.line - 1, column: inner.column };
}

/**
 * The probe problems found without CEL, each at its place: an id in a built-in check's namespace or used twice, a
 * URL gtp will not send credentials to.
 */
export function probeProblems(
  register: Register,
  text: string,
  locate: Locate,
  builtIns: ReadonlySet<string> | undefined,
): PlacedProblem[] {
  const problems: PlacedProblem[] = [];
  const namespaces = new Set([...(builtIns ?? [])].map((id) => id.split('.')[0]!));
  const seen = new Map<string, number>();
  register.probes.forEach((probe, i) => {
    const namespace = probe.id.split('.')[0]!;
    if (namespaces.has(namespace))
      problems.push({
        ...locate(['probes', i, 'id']),
        message: `probes.${i}.id: "${probe.id}" is in gtp's own namespace ${namespace}.: name your probes in a namespace of your own (acme.${probe.id.split('.').slice(1).join('.')})`,
      });
    const earlier = seen.get(probe.id);
    if (earlier !== undefined)
      problems.push({
        ...locate(['probes', i, 'id']),
        message: `probes.${i}.id: duplicate probe id "${probe.id}" (first at index ${earlier})`,
      });
    else seen.set(probe.id, i);
    const lists = listsOf(probe);
    lists.forEach((list, j) => {
      const why = urlProblem(list.url);
      const path = Array.isArray(probe.read) ? ['probes', i, 'read', j, 'url'] : ['probes', i, 'read', 'url'];
      if (why) problems.push({ ...locate(path), message: `${path.join('.')}: ${list.url}: ${why}` });
    });
  });
  return problems;
}

/**
 * The conditions that are not ones, each at its place: not CEL, reading a variable other than `resource`, or not
 * yielding a bool. Loads the CEL engine, only for a register that has probes.
 */
export async function conditionProblems(register: Register, text: string, locate: Locate): Promise<PlacedProblem[]> {
  if (register.probes.length === 0) return [];
  const { compileCondition, isProblem } = await loadConditions();
  const problems: PlacedProblem[] = [];
  register.probes.forEach((probe, i) => {
    for (const field of ['where', 'require'] as const) {
      const condition = probe[field];
      if (condition === undefined) continue;
      const compiled = compileCondition(condition);
      if (isProblem(compiled))
        problems.push({
          ...inFile(text, locate(['probes', i, field]), compiled),
          message: `probes.${i}.${field}: ${compiled.message}`,
        });
    }
  });
  return problems;
}
