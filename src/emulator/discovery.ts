import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { protobuf as Protobuf } from 'google-gax';
import { join } from 'node:path';
import { ALL_ROUTES, matchRequest, routeKey, type Route } from '../gcp/routes.js';
import type { World } from '../gcp/world.js';
import { PARTIAL_KEY } from '../gcp/incomplete.js';

/** The parts of a Google discovery document's JSON-schema dialect that worlds need checking against. */
interface DiscoverySchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: string[];
  properties?: Record<string, DiscoverySchema>;
  additionalProperties?: DiscoverySchema;
  items?: DiscoverySchema;
}

interface DiscoveryResource {
  methods?: Record<string, { response?: { $ref: string } }>;
  resources?: Record<string, DiscoveryResource>;
}

interface DiscoveryDocument {
  schemas: Record<string, DiscoverySchema>;
  resources?: Record<string, DiscoveryResource>;
}

/** The schema a method answers with, by the method's path under the document's resources (`instances.list`). */
function responseSchemaOf(doc: DiscoveryDocument, method: string): string | undefined {
  const parts = method.split('.');
  let node: DiscoveryResource | undefined = { resources: doc.resources ?? {} };
  for (const part of parts.slice(0, -1)) node = node?.resources?.[part];
  return node?.methods?.[parts.at(-1)!]?.response?.$ref;
}

export interface WorldProblem {
  key: string;
  path: string;
  message: string;
}

/**
 * Checks every entry of a world against Google's discovery documents: the key must be a request gtp makes, and
 * every field and enum value must exist in the API's schema, so that nobody can invent a field.
 */
export function validateWorldAgainstDiscovery(
  world: World,
  discoveryDir: string,
  /** Requests beyond gtp's own, with the discovery method each is (a team's probes' lists). */
  extraRoutes: readonly Route[] = [],
): WorldProblem[] {
  const routeOf = (key: string) => routeOfKey(key) ?? routeOfKey(key, extraRoutes);
  const documents = new Map<string, DiscoveryDocument>();
  const documentFor = (file: string) => {
    let doc = documents.get(file);
    if (!doc) {
      doc = JSON.parse(readFileSync(join(discoveryDir, file), 'utf8')) as DiscoveryDocument;
      documents.set(file, doc);
    }
    return doc;
  };
  const problems: WorldProblem[] = [];
  for (const [key, value] of Object.entries(world)) {
    if (key === PARTIAL_KEY) {
      // What a list's answer adds to say it is partial: fields of that list's response envelope, as documented.
      for (const [listKey, fields] of Object.entries(isObject(value) ? value : {})) {
        const route = routeOf(listKey);
        const where = `${PARTIAL_KEY}[${listKey}]`;
        if (!route || (route.kind !== 'list' && route.kind !== 'aggregatedList')) {
          problems.push({ key: where, path: '', message: 'not a list gtp requests' });
          continue;
        }
        if (route.discovery.file.startsWith('proto:')) continue;
        const doc = documentFor(route.discovery.file);
        const response = responseSchemaOf(doc, route.discovery.method);
        if (!response)
          problems.push({ key: where, path: '', message: `no response schema for ${route.discovery.method}` });
        else walk(doc, { $ref: response }, fields, '', (path, message) => problems.push({ key: where, path, message }));
      }
      continue;
    }
    if (key.startsWith('$')) continue;
    if (/^[^/]+\/apis\//.test(key) && !key.split('/')[0]!.endsWith('googleapis.com')) {
      // A cluster's Kubernetes API (endpoint + path): a list with items, or null for a resource type it lacks.
      if (value !== null && !(isObject(value) && Array.isArray(value.items)))
        problems.push({ key, path: '', message: 'a Kubernetes list is an object with items' });
      continue;
    }
    const route = routeOf(key);
    if (!route) {
      problems.push({ key, path: '', message: 'not a request gtp makes (no route matches this key)' });
      continue;
    }
    if (value === null) continue; // a resource recorded as absent (404)
    const report = (path: string, message: string) => problems.push({ key, path, message });
    if (route.discovery.file.startsWith('proto:')) {
      // No discovery document exists for this API: its client's proto is the reference.
      const type = protoType(route.discovery.file.slice('proto:'.length), route.discovery.itemSchema, discoveryDir);
      if (!Array.isArray(value)) report('', 'a list is stored as the array of its items');
      else value.forEach((v, i) => walkProto(type, v, `[${i}]`, report));
      continue;
    }
    const doc = documentFor(route.discovery.file);
    const item: DiscoverySchema = { $ref: route.discovery.itemSchema };
    if (route.kind === 'testPermissions') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        report('', 'the permissions the caller holds, as an array of strings');
    } else if (route.kind === 'list') {
      if (!Array.isArray(value)) report('', 'a list is stored as the array of its items');
      else value.forEach((v, i) => walk(doc, item, v, `[${i}]`, report));
    } else if (route.kind === 'aggregatedList') {
      if (!isObject(value)) report('', 'an aggregated list is stored as its map of scopes');
      else for (const [scope, v] of Object.entries(value)) walk(doc, item, v, `.${scope}`, report);
    } else walk(doc, item, value, '', report);
  }
  return problems;
}

function routeOfKey(key: string, routes: readonly Route[] = ALL_ROUTES): Route | undefined {
  const [hostAndPath, query = ''] = key.split('?', 2) as [string, string?];
  return routes.find((route) => {
    if (!hostAndPath.startsWith(route.host)) return false;
    const params = matchRequest(route, hostAndPath.slice(route.host.length), new URLSearchParams(query));
    return params !== undefined && routeKey(route, params) === key;
  });
}

function walk(
  doc: DiscoveryDocument,
  schema: DiscoverySchema,
  value: unknown,
  path: string,
  report: (path: string, message: string) => void,
): void {
  if (schema.$ref) {
    const target = doc.schemas[schema.$ref];
    if (!target) return report(path, `schema ${schema.$ref} is not in the discovery document`);
    return walk(doc, target, value, path, report);
  }
  switch (schema.type) {
    case 'object': {
      if (!isObject(value)) return report(path, `expected an object, got ${JSON.stringify(value)}`);
      for (const [field, v] of Object.entries(value)) {
        const property = schema.properties?.[field] ?? schema.additionalProperties;
        if (!property) {
          report(`${path}.${field}`, `unknown field "${field}"`);
          continue;
        }
        walk(doc, property, v, `${path}.${field}`, report);
      }
      return;
    }
    case 'array':
      if (!Array.isArray(value)) return report(path, `expected an array, got ${JSON.stringify(value)}`);
      value.forEach((v, i) => walk(doc, schema.items ?? {}, v, `${path}[${i}]`, report));
      return;
    case 'string':
      if (typeof value !== 'string') return report(path, `expected a string, got ${JSON.stringify(value)}`);
      if (schema.enum && !schema.enum.includes(value))
        report(path, `"${value}" is not one of ${schema.enum.join(', ')}`);
      return;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' && !(typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)))
        report(path, `expected a number, got ${JSON.stringify(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') report(path, `expected true or false, got ${JSON.stringify(value)}`);
      return;
    default:
      return;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function protoType(source: string, name: string, discoveryDir: string): Protobuf.Type {
  return protoRoot(source, discoveryDir).lookupType(name);
}

/**
 * The proto an API without a discovery document is checked against: its client's descriptor
 * (`@google-cloud/…/build/protos/protos.json`), or, for an API with no Node client, a `.proto` kept beside the
 * discovery documents (`reference:NAME`, in ../protos/).
 */
export function protoRoot(source: string, discoveryDir: string): Protobuf.Root {
  const key = `${discoveryDir}\0${source}`;
  let root = PROTO_ROOTS.get(key);
  if (!root) PROTO_ROOTS.set(key, (root = loadProtoRoot(source, discoveryDir)));
  return root;
}

/** Each proto is parsed once, however many worlds and keys are checked against it. */
const PROTO_ROOTS = new Map<string, Protobuf.Root>();

function loadProtoRoot(source: string, discoveryDir: string): Protobuf.Root {
  const require = createRequire(import.meta.url);
  const { protobuf } = require('google-gax') as { protobuf: typeof Protobuf };
  if (!source.startsWith('reference:')) return protobuf.Root.fromJSON(require(`${source}/build/protos/protos.json`));
  const root = new protobuf.Root();
  for (const common of ['google/protobuf/duration.proto', 'google/protobuf/timestamp.proto'])
    root.addJSON(protobuf.common.get(common)!.nested!);
  const text = readFileSync(join(discoveryDir, '..', 'protos', source.slice('reference:'.length)), 'utf8');
  protobuf.parse(text, root, { keepCase: false });
  root.resolveAll();
  return root;
}

/** Proto3 JSON: field names in lowerCamelCase, enums by name, well-known types as their JSON forms. */
function walkProto(
  type: Protobuf.Type,
  value: unknown,
  path: string,
  report: (path: string, message: string) => void,
): void {
  if (!isObject(value)) return report(path, `expected an object, got ${JSON.stringify(value)}`);
  for (const [key, v] of Object.entries(value)) {
    const field = Object.values(type.fields).find((f) => f.name === key || f.options?.json_name === key);
    if (!field) {
      report(`${path}.${key}`, `unknown field "${key}"`);
      continue;
    }
    field.resolve();
    const resolved = field.resolvedType;
    const values = field.repeated && Array.isArray(v) ? v : [v];
    values.forEach((item, i) => {
      const at = field.repeated ? `${path}.${key}[${i}]` : `${path}.${key}`;
      if (resolved && 'values' in resolved) {
        if (typeof item !== 'string' || !(item in (resolved as Protobuf.Enum).values))
          report(at, `"${String(item)}" is not one of ${Object.keys((resolved as Protobuf.Enum).values).join(', ')}`);
      } else if (resolved && 'fields' in resolved && !resolved.fullName.startsWith('.google.protobuf.')) {
        walkProto(resolved as Protobuf.Type, item, at, report);
      }
    });
  }
}
