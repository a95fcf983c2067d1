import { useStrictWrappers } from './strict-wrappers.js';
import { createRequire } from 'node:module';
import type { protobuf as Protobuf } from 'google-gax';
import { useTrimmedDescriptor } from './client-protos.js';
import { loadGax } from './gax.js';

/**
 * The client libraries hand back protobuf-shaped objects (wrappers as { value }, every default filled in);
 * gtp keeps the REST JSON that the API itself returns, so that live data, snapshots and worlds are one format.
 */
export async function toRestJson(
  value: unknown,
  protoPackage: string | undefined,
  typeName: string | undefined,
): Promise<unknown> {
  if (protoPackage && typeName) {
    const { type, serializer } = await reflectionOf(protoPackage, typeName);
    return prune(dropEmptyMaps(serializer.toProto3JSON(type.fromObject(value as Record<string, unknown>)), type));
  }
  return prune(value);
}

/** The inverse: a request body written as REST JSON, as the message object a client sends. */
export async function fromRestJson(
  json: Record<string, unknown>,
  protoPackage: string,
  typeName: string,
): Promise<Record<string, unknown>> {
  const { type, serializer } = await reflectionOf(protoPackage, typeName);
  const message = serializer.fromProto3JSON(type, json as never);
  if (!message) throw new Error(`cannot build ${typeName} from the given JSON`);
  return type.toObject(message, { defaults: false }) as Record<string, unknown>;
}

/**
 * REST JSON from elsewhere (Cloud Asset Inventory's `resource.data`) as gtp reads the same resource from its own
 * API: decoded as the client decodes its answer, then written back as `toRestJson` writes it, so that both ways
 * of reading one resource give the checks the same fields.
 */
export async function asTheClientReadsIt(
  json: Record<string, unknown>,
  protoPackage: string,
  typeName: string,
): Promise<unknown> {
  return toRestJson(await asTheClientDecodes(json, protoPackage, typeName), protoPackage, typeName);
}

/**
 * The same, for an API whose items gtp keeps as the client returns them, pruned (compute's aggregated lists): the
 * client's object, with the defaults and empty maps it fills in, as the API's own answer gives them.
 */
export async function asTheClientReturnsIt(
  json: Record<string, unknown>,
  protoPackage: string,
  typeName: string,
): Promise<unknown> {
  return prune(await asTheClientDecodes(json, protoPackage, typeName));
}

/** REST JSON decoded into the object a client call returns: gax's REST transport does exactly this. */
async function asTheClientDecodes(json: Record<string, unknown>, protoPackage: string, typeName: string) {
  const { type, serializer } = await reflectionOf(protoPackage, typeName);
  const message = serializer.fromProto3JSON(type, json as never);
  if (!message) throw new Error(`cannot read ${typeName} from the given JSON`);
  return type.toObject(message, CLIENT_TO_OBJECT);
}

/** How gax's REST transport turns a decoded answer into the object a client call returns (its fallback.js). */
const CLIENT_TO_OBJECT = { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true } as const;

/**
 * toProto3JSON writes every map field, empty ones as {}; the API omits them. Only maps are dropped: an empty
 * message is information (Cloud Deploy's `rollback: {}` says "roll back").
 */
function dropEmptyMaps(json: unknown, type: Protobuf.Type): unknown {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    const field = type.fields[key] ?? Object.values(type.fields).find((f) => f.options?.json_name === key);
    const message =
      field?.resolvedType && 'fields' in field.resolvedType ? (field.resolvedType as Protobuf.Type) : undefined;
    if (field?.map) {
      if (value && typeof value === 'object' && Object.keys(value).length === 0) continue;
      out[key] = message
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, dropEmptyMaps(v, message)]))
        : value;
    } else if (message && Array.isArray(value)) out[key] = value.map((v) => dropEmptyMaps(v, message));
    else if (message) out[key] = dropEmptyMaps(value, message);
    else out[key] = value;
  }
  return out;
}

/** A message type of a package's descriptor, and gax's serializer between it and the API's REST JSON. */
async function reflectionOf(protoPackage: string, typeName: string) {
  const [root, { serializer }] = await Promise.all([protoRoot(protoPackage), loadGax(), useStrictWrappers()]);
  return { type: root.lookupType(typeName), serializer };
}

const roots = new Map<string, Promise<Protobuf.Root>>();

/**
 * Records the reflection a client built of its package's descriptor, for the conversions of that package's
 * answers. Building another costs as much again: gax keeps one per descriptor, keyed by a hash of its JSON, but a
 * client with long-running operations rewrites the descriptor's HTTP rules as it starts, so a second lookup of the
 * same package misses (Security Command Center's, Cloud Deploy's). GAPIC clients keep it as `_protos`.
 */
export function adoptClientRoot(protoPackage: string, client: object): void {
  const root = (client as { _protos?: Partial<Protobuf.Root> })._protos;
  if (roots.has(protoPackage) || typeof root?.lookupType !== 'function') return;
  roots.set(protoPackage, Promise.resolve(root as Protobuf.Root));
}

function protoRoot(protoPackage: string): Promise<Protobuf.Root> {
  let root = roots.get(protoPackage);
  if (!root) {
    // No client of the package has started (Asset Inventory's answers are decoded without one).
    root = (async () => {
      const require = createRequire(import.meta.url);
      useTrimmedDescriptor(protoPackage);
      return (await loadGax()).protobufFromJSON(require(`${protoPackage}/build/protos/protos.json`)) as Protobuf.Root;
    })();
    roots.set(protoPackage, root);
  }
  return root;
}

/**
 * Drops what the API would not have sent: unset defaults (empty strings and lists, nulls, *_UNSPECIFIED enums) and
 * the `_field` markers that the REST clients add for proto3 optional fields.
 */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (key.startsWith('_') && typeof field === 'string') continue;
      const pruned = prune(field);
      if (pruned !== undefined) out[key] = pruned;
    }
    // An empty object stays: for a message field its presence is the information (Cloud Deploy's rollback: {}).
    return out;
  }
  if (value === null || value === '') return undefined;
  if (typeof value === 'string' && value.endsWith('_UNSPECIFIED')) return undefined;
  return value;
}
