import type { OrgResult } from './result.js';

/** JSON.stringify(value, null, 2), its lines after the first indented by `indent`, as it sits inside a parent. */
const nested = (value: unknown, indent: string): string | undefined =>
  JSON.stringify(value, null, 2)?.replace(/\n/g, `\n${indent}`);

/**
 * The organization report as JSON, in pieces: byte for byte `JSON.stringify(result, null, 2)` and a newline, with
 * the projects written one at a time, so that ten thousand projects' report is never one string in memory (it is
 * tens of megabytes, and building it whole doubled the audit's peak).
 */
export function* orgJsonChunks(result: OrgResult): Generator<string> {
  // The keys JSON.stringify writes: not those whose value is undefined, a function or a symbol.
  const entries = Object.entries(result).filter(
    ([, value]) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol',
  );
  yield '{';
  for (const [i, [key, value]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (key === 'projects' && Array.isArray(value) && value.length > 0) {
      yield '[';
      for (const [j, project] of value.entries())
        yield `${j === 0 ? '' : ','}\n    ${nested(project, '    ') ?? 'null'}`;
      yield '\n  ]';
    } else yield nested(value, '  ')!;
  }
  yield entries.length === 0 ? '}\n' : '\n}\n';
}
