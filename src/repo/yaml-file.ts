import {
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import { InputError } from '../util/errors.js';

/** Aliases a file may expand to before it counts as an alias bomb (yaml's own default is 100). */
const MAX_ALIASES = 1000;

/** A parsed YAML file of the repository, with the line of any node. */
export interface YamlFile {
  file: string;
  doc: Document;
  /** The plain value (aliases expanded). */
  value: unknown;
  line(node: unknown): number;
}

/**
 * Parses a YAML file with positions; a syntax error, or aliases that expand without bound, is bad input naming
 * the file and line (the repository check is then an error, never "no entries").
 */
export function yamlOf(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const pos = lineCounter.linePos(doc.errors[0]!.pos[0]);
    throw new InputError(`${file}:${pos.line}:${pos.col}: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    let first: Node | undefined;
    visit(doc, { Alias: (_, node) => void (first ??= node) });
    const pos = lineCounter.linePos(first?.range?.[0] ?? 0);
    throw new InputError(
      `${file}:${pos.line}:${pos.col}: ${(error as Error).message.split('\n')[0]} (aliases expand to more than ${MAX_ALIASES} nodes)`,
    );
  }
  const line = (node: unknown) => lineCounter.linePos((node as Node | undefined)?.range?.[0] ?? 0).line;
  return { file, doc, value, line };
}

/** The node under `key` of a mapping node, aliases resolved; undefined where there is none. */
export function child(file: YamlFile, node: unknown, key: string): unknown {
  const resolved = resolve(file, node);
  if (!isMap(resolved)) return undefined;
  return resolve(file, resolved.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key)?.value);
}

/** Follows an alias to its anchor. */
export function resolve(file: YamlFile, node: unknown): unknown {
  return isAlias(node) ? node.resolve(file.doc) : node;
}

/** The key/value pairs of a mapping node, keys as strings. */
export function entries(file: YamlFile, node: unknown): [string, unknown][] {
  const resolved = resolve(file, node);
  if (!isMap(resolved)) return [];
  return resolved.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), resolve(file, p.value)]);
}

/** The items of a sequence node (a lone scalar counts as a sequence of one). */
export function items(file: YamlFile, node: unknown): unknown[] {
  const resolved = resolve(file, node);
  if (isSeq(resolved)) return resolved.items.map((i) => resolve(file, i));
  return resolved === undefined || resolved === null ? [] : [resolved];
}

/** A scalar node's value as text, or undefined. */
export function text(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

/** The plain JavaScript value of a node (aliases expanded, within the file's alias bound). */
export function plain(file: YamlFile, node: unknown): unknown {
  const resolved = resolve(file, node);
  return isNode(resolved) ? resolved.toJS(file.doc, { maxAliasCount: MAX_ALIASES }) : undefined;
}
