import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { InputError, type SourceProblem } from './errors.js';

/** Line and column (1-based) of the value at a path such as ['risks', 3, 'existing'], or of its key. */
export type Locate = (path: readonly (string | number)[], pointAtKey?: boolean) => { line: number; column: number };

export interface YamlInputOptions {
  /** What the input is called in messages ("register", "verification file"). */
  what: string;
  /** Known keys by path shape ('' the top level, 'risks.*' each risk): a misspelt key gets a suggestion. */
  knownKeys?: Readonly<Record<string, readonly string[]>>;
  /** Labels of the allowed values at a path (probability 3 is "possible"), shown when a value is not allowed. */
  valueLabels?: (path: readonly (string | number)[]) => ReadonlyMap<unknown, string> | undefined;
}

/** Reads an input file, or fails with an InputError that says why (no such file, a directory). */
export async function readInputFile(file: string, what: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new InputError(`cannot read ${what} ${file}: ${reason}`, [
      { file, line: 1, column: 1, message: `cannot read ${what}: ${reason}` },
    ]);
  }
  return decodeUtf8(bytes, file, what);
}

/** The text of a file that must be UTF-8: a byte that is not is bad input at its line, never a silent U+FFFD. */
export function decodeUtf8(bytes: Buffer, file: string, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Find the first offending byte: the longest prefix that decodes.
    let good = 0;
    for (let end = 1; end <= bytes.length; end++) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(good, end));
      } catch {
        if (end - good >= 4) break;
        continue;
      }
      good = end;
    }
    const before = bytes.subarray(0, good).toString('utf8').split('\n');
    throw new InputError(`${file} is not UTF-8`, [
      {
        file,
        line: before.length,
        column: before.at(-1)!.length + 1,
        message: `${what}: byte 0x${bytes[good]?.toString(16).padStart(2, '0') ?? '??'} at offset ${good} is not UTF-8`,
      },
    ]);
  }
}

/**
 * Parses YAML and validates it with a zod schema; every problem (syntax, unknown key, wrong type or value) is
 * reported at its FILE:LINE:COL with the field's path.
 */
export function parseYamlInput<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  options: YamlInputOptions,
): { value: z.output<S>; locate: Locate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const locate: Locate = (path, pointAtKey = false) => at(offsetOf(doc, path, pointAtKey));

  const syntax = doc.errors.map((e): SourceProblem => ({
    file,
    ...at(e.pos[0]),
    message: `YAML ${e.message.split('\n')[0]}`,
  }));
  if (syntax.length > 0) throw new InputError(`${file} is not valid YAML`, syntax);

  let json: unknown;
  try {
    json = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // An alias bomb (or an alias to nothing): bad input at the first alias, not a crash.
    let first: Node | undefined;
    visit(doc, { Alias: (_, node) => void (first ??= node) });
    throw new InputError(`${file} is not valid YAML`, [
      {
        file,
        ...at(first?.range?.[0] ?? 0),
        message: `YAML ${(error as Error).message.split('\n')[0]} (aliases expand to more than 1000 nodes)`,
      },
    ]);
  }
  // Parsed once per run: zod's compiled fast path for each object schema costs more to build than it saves here.
  const parsed = schema.safeParse(json, { jitless: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => problemsOf(issue, file, doc, locate, options));
    throw new InputError(`${file} is not a valid ${options.what}`, sortProblems(problems));
  }
  return { value: parsed.data, locate };
}

function problemsOf(
  issue: z.core.$ZodIssue,
  file: string,
  doc: Document,
  locate: Locate,
  options: YamlInputOptions,
): SourceProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const field = path.length > 0 ? path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file,
      ...locate([...path, key], true),
      message: `${field === '(top level)' ? key : `${field}.${key}`}: unknown key "${key}"${suggestion(key, path, options.knownKeys ?? {})}`,
    }));
  }
  const located = nearestExisting(doc, path);
  return [{ file, ...locate(located), message: `${field}: ${describeIssue(issue, doc, path, options)}` }];
}

/**
 * A value as an error message shows it: YAML's .nan and .inf by name (JSON would print them as null), and at most
 * a short excerpt of anything long, so that a message never replays a whole file.
 */
export function excerpt(value: unknown): string {
  if (typeof value === 'number' && Number.isNaN(value)) return '.nan (not a number)';
  if (value === Infinity || value === -Infinity) return `${value < 0 ? '-' : ''}.inf (infinite)`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  doc: Document,
  path: (string | number)[],
  options: YamlInputOptions,
): string {
  if (issue.code === 'invalid_type') {
    const actual = doc.getIn(path);
    if (actual === undefined) return `required ${issue.expected} is missing`;
    return `expected ${issue.expected}, got ${excerpt(actual)}`;
  }
  if (issue.code === 'invalid_value' || issue.code === 'custom') {
    if (!doc.hasIn(path))
      return `is required: ${issue.code === 'invalid_value' ? `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.message}`;
  }
  if (issue.code === 'invalid_value') {
    const labels = options.valueLabels?.(path);
    const allowed = issue.values.map((v) =>
      labels?.has(v as number) ? `${String(v)} (${labels.get(v as number)})` : JSON.stringify(v),
    );
    return `must be one of ${allowed.join(', ')}, got ${excerpt(doc.getIn(path))}`;
  }
  if (issue.code === 'custom') return `${issue.message}, got ${excerpt(doc.getIn(path))}`;
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

function suggestion(
  key: string,
  path: (string | number)[],
  knownKeys: Readonly<Record<string, readonly string[]>>,
): string {
  const known = knownKeys[shapeOf(path)] ?? [];
  const close = known.find((k) => editDistance(k, key) <= 2);
  return close ? ` (did you mean "${close}"?)` : '';
}

function shapeOf(path: (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');
}

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

export function sortProblems(problems: SourceProblem[]): SourceProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}
