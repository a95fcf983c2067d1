import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISCOVERY } from './paths.js';

/** A discovery document as the tests walk it: its schemas and its methods, nothing else typed. */
export interface Schema {
  $ref?: string;
  type?: string;
  description?: string;
  readOnly?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema;
}
export interface Document {
  rootUrl: string;
  servicePath: string;
  schemas: Record<string, Schema>;
  resources: Record<
    string,
    {
      methods?: Record<string, { flatPath?: string; path: string; response?: Schema }>;
      resources?: Document['resources'];
    }
  >;
}

/** One of the reference discovery documents (test/reference/gcp-discovery). */
export const documentOf = (file: string) => JSON.parse(readFileSync(join(DISCOVERY, file), 'utf8')) as Document;

export function methodOf(doc: Document, id: string) {
  const parts = id.split('.');
  let level: { resources?: Document['resources'] } = { resources: doc.resources };
  for (const part of parts.slice(0, -1)) level = level.resources![part]!;
  return (level as { methods: Record<string, { flatPath?: string; path: string; response?: Schema }> }).methods[
    parts.at(-1)!
  ]!;
}

/** Follows a field path through a discovery schema: undefined where a name is not a field. */
export function follow(doc: Document, schema: Schema, path: string[]): Schema | undefined {
  let at: Schema | undefined = schema;
  for (const name of path) {
    while (at?.$ref) at = doc.schemas[at.$ref];
    at = name === '[]' ? at?.items : (at?.properties?.[name] ?? at?.additionalProperties);
    if (!at) return undefined;
  }
  return at;
}
