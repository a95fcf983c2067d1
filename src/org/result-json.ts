import type { OrgReport, ProjectOutcomeList } from './result.js';

const isProjectList = (value: unknown): value is ProjectOutcomeList =>
  Array.isArray(value) ||
  (typeof value === 'object' &&
    value !== null &&
    Symbol.iterator in value &&
    typeof (value as { length?: unknown }).length === 'number');

/** JSON.stringify(value, null, 2), its lines after the first indented by `indent`, as it sits inside a parent. */
const nested = (value: unknown, indent: string): string | undefined =>
  JSON.stringify(value, null, 2)?.replace(/\n/g, `\n${indent}`);

/**
 * The organization report as JSON, in pieces: byte for byte `JSON.stringify(result, null, 2)` and a newline, with
 * the projects written one at a time, so that ten thousand projects' report is never one string in memory (it is
 * tens of megabytes, and building it whole doubled the audit's peak).
 */
export function* orgJsonChunks(result: OrgReport): Generator<string> {
  // The keys JSON.stringify writes: not those whose value is undefined, a function or a symbol.
  const entries = Object.entries(result).filter(
    ([, value]) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol',
  );
  yield '{';
  for (const [i, [key, value]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (key === 'projects' && isProjectList(value) && value.length === 0) yield '[]';
    else if (key === 'projects' && isProjectList(value)) {
      // An array, or the projects waiting on disk (outcomes.ts): read one at a time either way.
      yield '[';
      let first = true;
      for (const project of value) {
        yield `${first ? '' : ','}\n    ${nested(project, '    ') ?? 'null'}`;
        first = false;
      }
      yield '\n  ]';
    } else yield nested(value, '  ')!;
  }
  yield entries.length === 0 ? '}\n' : '\n}\n';
}
