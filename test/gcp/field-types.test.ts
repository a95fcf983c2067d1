import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '../../src/gcp/model/field-types.js';
import { ALL_ROUTES } from '../../src/gcp/routes.js';
import { DISCOVERY } from '../helpers/paths.js';

interface Schema {
  type?: string;
  format?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
}

describe('the field types a verdict rests on are those of the REST schema', () => {
  it.each(Object.keys(FIELD_TYPES))('%s: every declared field, by the discovery document', (routeId) => {
    const route = ALL_ROUTES.find((r) => r.id === routeId)!;
    expect(route?.discovery, routeId).toBeDefined();
    const { file, itemSchema } = route.discovery as { file: string; itemSchema: string };
    const doc = JSON.parse(readFileSync(join(DISCOVERY, file), 'utf8')) as { schemas: Record<string, Schema> };
    for (const [path, declared] of Object.entries(FIELD_TYPES[routeId]!)) {
      let schema: Schema | undefined = doc.schemas[itemSchema];
      for (const part of path.split('.')) {
        if (schema?.$ref) schema = doc.schemas[schema.$ref];
        schema = schema?.properties?.[part];
      }
      expect(schema, `${routeId}: ${path} is not in ${itemSchema}`).toBeDefined();
      const actual = schema!.type === 'integer' && schema!.format === 'int64' ? 'int64' : schema!.type;
      expect(actual, `${routeId}: ${path}`).toBe(declared);
    }
  });
});
