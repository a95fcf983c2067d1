import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { protoRoot, validateWorldAgainstDiscovery } from '../../src/emulator/discovery.js';
import { ALL_ROUTES } from '../../src/gcp/routes.js';
import { ALL_TEST_WORLDS, OFF_SCHEMA_WORLDS } from '../fixtures/check-worlds.js';
import { KEY } from '../fixtures/keys.js';
import { DISCOVERY, WORLDS } from '../helpers/paths.js';

interface Method {
  flatPath?: string;
  path: string;
  httpMethod: string;
  mediaUpload?: { protocols: { simple: { path: string } } };
  parameters?: Record<string, unknown>;
  response?: { $ref: string };
}
interface Resource {
  methods?: Record<string, Method>;
  resources?: Record<string, Resource>;
}

function findMethod(
  file: string,
  id: string,
): {
  doc: { rootUrl: string; servicePath: string; schemas: Record<string, { properties?: Record<string, unknown> }> };
  method: Method;
} {
  const doc = JSON.parse(readFileSync(`${DISCOVERY}${file}`, 'utf8'));
  const parts = id.split('.');
  let node: Resource = { resources: doc.resources };
  for (const part of parts.slice(0, -1)) node = node.resources![part]!;
  return { doc, method: node.methods![parts.at(-1)!]! };
}

describe("routes agree with Google's discovery documents", () => {
  it.each(ALL_ROUTES.filter((r) => !r.discovery.file.startsWith('proto:')).map((r) => [r.id, r] as const))(
    '%s',
    (_id, route) => {
      const { doc, method } = findMethod(route.discovery.file, route.discovery.method);
      expect(new URL(doc.rootUrl).host).toBe(route.host);
      // A discovery template may generalise a segment ({v1Id} for "projects"); every route path must fit it.
      const template = route.upload
        ? method.mediaUpload!.protocols.simple.path
        : `/${doc.servicePath}${method.flatPath ?? method.path}`;
      expect(route.method ?? 'GET').toBe(method.httpMethod);
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      expect(route.path.replace(/\{[^}]+\}/g, 'sample'), template).toMatch(pattern);
      expect(route.path.split('/').length).toBe(template.split('/').length);
      if (route.pageSizeParam) {
        expect(Object.keys(method.parameters ?? {})).toEqual(
          expect.arrayContaining([route.pageSizeParam, 'pageToken']),
        );
      }
      const response = doc.schemas[method.response!.$ref]!;
      if (route.itemsField) expect(Object.keys(response.properties ?? {})).toContain(route.itemsField);
      expect(doc.schemas[route.discovery.itemSchema], route.discovery.itemSchema).toBeDefined();
    },
  );
});

describe("routes of APIs without a discovery document agree with their client's proto", () => {
  it.each(ALL_ROUTES.filter((r) => r.discovery.file.startsWith('proto:')).map((r) => [r.id, r] as const))(
    '%s',
    (_id, route) => {
      const root = protoRoot(route.discovery.file.slice('proto:'.length), DISCOVERY);
      const parts = route.discovery.method.split('.');
      const method = root.lookupService(parts.slice(0, -1).join('.')).methods[parts.at(-1)!]!;
      const bindings = (method.parsedOptions as Record<string, unknown>[])[0]!['(google.api.http)'] as {
        get: string;
        additional_bindings?: { get: string } | { get: string }[];
      };
      // additional_bindings is one object or a list of them, as protobufjs parsed it.
      const templates = [
        bindings.get,
        ...[bindings.additional_bindings ?? []].flat().map((b: { get: string }) => b.get),
      ].map((t: string) =>
        t.replace(/\{(\w+)=([^}]+)\}/g, (_: string, _name: string, pattern: string) => pattern.replace(/\*/g, '[^/]+')),
      );
      const path = route.path.replace(/\{[^}]+\}/g, 'sample');
      expect(
        templates.some((t: string) => new RegExp(`^${t}$`).test(path)),
        templates.join(' | '),
      ).toBe(true);
    },
  );
});

describe('worlds use only fields and enum values that Google documents', () => {
  const shipped = readdirSync(WORLDS).filter((f) => f.endsWith('.json'));
  it.each(shipped)('examples/worlds/%s', (file) => {
    const world = JSON.parse(readFileSync(`${WORLDS}${file}`, 'utf8'));
    expect(validateWorldAgainstDiscovery(world, DISCOVERY)).toEqual([]);
  });

  it.each(Object.entries(ALL_TEST_WORLDS))('test world %s', (_name, world) => {
    expect(validateWorldAgainstDiscovery(world, DISCOVERY)).toEqual([]);
  });

  it.each(Object.entries(OFF_SCHEMA_WORLDS))('off-schema world %s is off-schema, as it says', (_name, world) => {
    expect(validateWorldAgainstDiscovery(world, DISCOVERY)).not.toEqual([]);
  });

  it('rejects an invented field, a wrong enum value and a key gtp never requests', () => {
    const problems = validateWorldAgainstDiscovery(
      {
        [KEY.sql]: [{ name: 'db', settings: { deletionProtection: true, availabilityType: 'MULTI_REGION' } }],
        'sqladmin.googleapis.com/v1/projects/acme-prod/users': [],
      },
      DISCOVERY,
    );
    expect(problems).toEqual([
      { key: KEY.sql, path: '[0].settings.deletionProtection', message: 'unknown field "deletionProtection"' },
      {
        key: KEY.sql,
        path: '[0].settings.availabilityType',
        message: '"MULTI_REGION" is not one of SQL_AVAILABILITY_TYPE_UNSPECIFIED, ZONAL, REGIONAL',
      },
      {
        key: 'sqladmin.googleapis.com/v1/projects/acme-prod/users',
        path: '',
        message: 'not a request gtp makes (no route matches this key)',
      },
    ]);
  });
});
