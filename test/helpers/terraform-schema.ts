import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktn/hcl2json';
import { REFERENCE } from './paths.js';

interface SchemaBlock {
  attributes?: Record<string, { required?: boolean; optional?: boolean; computed?: boolean }>;
  block_types?: Record<string, { nesting_mode: string; min_items?: number; max_items?: number; block: SchemaBlock }>;
}

let schemas: Record<string, { block: SchemaBlock }> | undefined;

/** The Google provider's resource schemas (terraform providers schema -json), extracted into test/reference/. */
function resourceSchemas(): Record<string, { block: SchemaBlock }> {
  schemas ??= (
    JSON.parse(readFileSync(join(REFERENCE, 'terraform/google-provider-schema.json'), 'utf8')) as {
      resource_schemas: Record<string, { block: SchemaBlock }>;
    }
  ).resource_schemas;
  return schemas;
}

/** Meta-arguments Terraform accepts on every resource. */
const META = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);

function checkBlock(block: SchemaBlock, body: Record<string, unknown>, path: string, problems: string[]): void {
  for (const [key, value] of Object.entries(body)) {
    if (META.has(key)) continue;
    const attribute = block.attributes?.[key];
    if (attribute) {
      if (!attribute.required && !attribute.optional) problems.push(`${path}.${key}: computed only, cannot be set`);
      continue;
    }
    const nested = block.block_types?.[key];
    if (!nested) {
      problems.push(`${path}.${key}: no such attribute or block`);
      continue;
    }
    const items = Array.isArray(value) ? value : [value];
    if (nested.max_items !== undefined && items.length > nested.max_items)
      problems.push(`${path}.${key}: at most ${nested.max_items} block(s)`);
    items.forEach((item, i) =>
      checkBlock(nested.block, item as Record<string, unknown>, `${path}.${key}[${i}]`, problems),
    );
  }
  for (const [key, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.required && !(key in body)) problems.push(`${path}.${key}: required attribute missing`);
  }
  for (const [key, nested] of Object.entries(block.block_types ?? {})) {
    const count = key in body ? (Array.isArray(body[key]) ? (body[key] as unknown[]).length : 1) : 0;
    if ((nested.min_items ?? 0) > count) problems.push(`${path}.${key}: required block missing`);
  }
}

export interface TerraformFileCheck {
  resources: string[];
  problems: string[];
}

/**
 * Parses a Terraform file with HashiCorp's own parser (compiled to WASM) and checks every resource against the
 * provider schema: each attribute and block exists, none is computed-only, every required one is set.
 */
export async function checkTerraform(fileName: string, text: string): Promise<TerraformFileCheck> {
  const json = (await parse(fileName, text)) as {
    resource?: Record<string, Record<string, Record<string, unknown>[]>>;
  };
  const problems: string[] = [];
  const resources: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    const schema = resourceSchemas()[type];
    for (const [name, bodies] of Object.entries(byName)) {
      resources.push(`${type}.${name}`);
      if (!schema) {
        problems.push(`${type}.${name}: resource type not in the provider schema`);
        continue;
      }
      for (const body of bodies) checkBlock(schema.block, body, `${type}.${name}`, problems);
    }
  }
  return { resources, problems };
}
