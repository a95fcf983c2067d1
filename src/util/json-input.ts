import type * as z from 'zod';
import { InputError } from './errors.js';

/** A zod issue's path as a reader writes it: `projects[0].projectId`; `(top level)` for the document itself. */
export function fieldPath(path: readonly PropertyKey[]): string {
  const text = path
    .filter((p): p is string | number => typeof p !== 'symbol')
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
  return text === '' ? '(top level)' : text;
}

/**
 * Why a JSON document does not fit its schema, in the one form every refused file takes: `path.to.field: what is
 * wrong`, the first issue only (the rest usually follow from it), with the value's own words kept out: a hostile
 * file's text never reaches the terminal through the message.
 */
export function firstIssue(error: Pick<z.ZodError, 'issues'>): string {
  const issue = error.issues[0];
  if (!issue) return '(top level): does not fit';
  if (issue.code === 'unrecognized_keys')
    return `${fieldPath(issue.path)}: unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  return `${fieldPath(issue.path)}: ${issue.message}`;
}

/** A JSON file's text parsed and checked, or bad input saying `FILE: path.to.field: what is wrong`. */
export function parseJsonFile<T>(file: string, text: string, schema: z.ZodType<T>): T {
  return checkJson(file, parseJsonText(file, text), schema);
}

/** A parsed JSON document checked, or bad input saying `FILE: path.to.field: what is wrong`. */
export function checkJson<T>(file: string, value: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputError(`${file}: ${firstIssue(parsed.error)}`);
  return parsed.data;
}

/** A JSON file's text parsed, or bad input saying `FILE: not JSON: why`. */
export function parseJsonText(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * A list inside a parsed document checked element by element, each replaced by its checked copy as it goes, so
 * that a long list is never held twice; bad input names the element as `list[i].field`.
 */
export function checkEach<T>(file: string, list: unknown[], name: string, schema: z.ZodType<T>): T[] {
  for (const [i, item] of list.entries()) list[i] = checkItem(file, item, name, i, schema);
  return list as T[];
}

/** The element `name[i]` of a list checked on its own; bad input names it as `name[i].field`. */
export function checkItem<T>(file: string, item: unknown, name: string, i: number, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ ...issue, path: [name, i, ...issue.path] }));
  throw new InputError(`${file}: ${firstIssue({ issues })}`);
}
