// Regenerates test/reference/ from whole published documents: the parts of Google's discovery documents that
// gtp's routes and worlds use, and the Terraform provider schema of the resource types gtp writes. The tests read
// only the extract, so a clone of the repository is all they need.
//
//   node scripts/extract-reference.mjs --discovery DIR --terraform FILE [--ci-formats DIR]
//
// GTP_DISCOVERY_DIR stands in for --discovery. Nothing is read from a default location outside the repository.
import { build } from 'esbuild';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const { values } = parseArgs({
  options: { discovery: { type: 'string' }, terraform: { type: 'string' }, 'ci-formats': { type: 'string' } },
});
const discoveryDir = values.discovery ?? process.env.GTP_DISCOVERY_DIR;
if (!discoveryDir || !values.terraform) {
  console.error(
    'usage: node scripts/extract-reference.mjs --discovery DIR --terraform google-provider-schema.json [--ci-formats DIR]',
  );
  process.exit(2);
}
const OUT = 'test/reference';

// The routes are TypeScript; bundle them once into a temporary module to read the table.
const tmp = mkdtempSync(join(tmpdir(), 'gtp-extract-'));
await build({
  entryPoints: ['src/gcp/routes.ts'],
  outfile: join(tmp, 'routes.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const { ALL_ROUTES } = await import(pathToFileURL(join(tmp, 'routes.mjs')).href);
rmSync(tmp, { recursive: true, force: true });

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
// Prose is the bulk of both documents and no test reads it: a string under the key "description" is dropped
// (a property that is itself named "description" is an object, and stays).
const withoutProse = (value) =>
  JSON.parse(
    JSON.stringify(value, (key, v) =>
      (key === 'description' || key === 'description_kind') && typeof v === 'string' ? undefined : v,
    ),
  );
const sources = [];

// Discovery: per document, the methods the routes name and every schema reachable from their items and responses.
const byFile = new Map();
for (const route of ALL_ROUTES) {
  if (route.discovery.file.startsWith('proto:')) continue;
  const entry = byFile.get(route.discovery.file) ?? { methods: new Set(), schemas: new Set() };
  entry.methods.add(route.discovery.method);
  entry.schemas.add(route.discovery.itemSchema);
  byFile.set(route.discovery.file, entry);
}
// The starter probes' lists (examples/probes/): the methods and item schemas their fields are checked against.
for (const reference of Object.values(JSON.parse(readFileSync('examples/probes/schemas.json', 'utf8')))) {
  const entry = byFile.get(reference.file) ?? { methods: new Set(), schemas: new Set() };
  entry.methods.add(reference.method);
  entry.schemas.add(reference.itemSchema);
  byFile.set(reference.file, entry);
}
mkdirSync(join(OUT, 'gcp-discovery'), { recursive: true });
for (const [file, wanted] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
  const text = readFileSync(join(discoveryDir, file), 'utf8');
  const doc = JSON.parse(text);
  const resources = {};
  for (const id of [...wanted.methods].sort()) {
    const parts = id.split('.');
    let from = { resources: doc.resources };
    let to = { resources };
    for (const part of parts.slice(0, -1)) {
      from = from.resources?.[part];
      if (!from) throw new Error(`${file}: no resource for method ${id}`);
      to.resources ??= {};
      to = to.resources[part] ??= {};
    }
    const method = from.methods?.[parts.at(-1)];
    if (!method) throw new Error(`${file}: no method ${id}`);
    (to.methods ??= {})[parts.at(-1)] = method;
    if (method.response?.$ref) wanted.schemas.add(method.response.$ref);
  }
  const schemas = {};
  const queue = [...wanted.schemas];
  while (queue.length > 0) {
    const name = queue.pop();
    if (name in schemas) continue;
    const schema = doc.schemas[name];
    if (!schema) throw new Error(`${file}: no schema ${name}`);
    schemas[name] = schema;
    JSON.stringify(schema, (key, value) => {
      if (key === '$ref' && typeof value === 'string') queue.push(value);
      return value;
    });
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]]),
  );
  const extract = {
    id: doc.id,
    name: doc.name,
    version: doc.version,
    revision: doc.revision,
    rootUrl: doc.rootUrl,
    servicePath: doc.servicePath,
    resources,
    schemas: sorted,
  };
  writeFileSync(join(OUT, 'gcp-discovery', file), `${JSON.stringify(withoutProse(extract))}\n`);
  sources.push({
    file: `gcp-discovery/${file}`,
    id: doc.id,
    revision: doc.revision,
    bytes: Buffer.byteLength(text),
    sha256: sha256(text),
    kept: `${wanted.methods.size} methods, ${Object.keys(sorted).length} schemas`,
  });
}

// Terraform: the resource types named anywhere gtp writes or tests HCL.
const types = new Set();
const scan = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) scan(path);
    else for (const match of readFileSync(path, 'utf8').matchAll(/\bgoogle_[a-z0-9_]+\b/g)) types.add(match[0]);
  }
};
for (const dir of ['src', 'templates', 'test/golden', 'test/terraform', 'examples']) scan(dir);
const providerText = readFileSync(values.terraform, 'utf8');
const provider = JSON.parse(providerText);
const resourceSchemas = {};
for (const type of [...types].sort())
  if (provider.resource_schemas[type]) resourceSchemas[type] = provider.resource_schemas[type];
mkdirSync(join(OUT, 'terraform'), { recursive: true });
writeFileSync(
  join(OUT, 'terraform', 'google-provider-schema.json'),
  `${JSON.stringify(withoutProse({ resource_schemas: resourceSchemas }))}\n`,
);
sources.push({
  file: 'terraform/google-provider-schema.json',
  id: 'hashicorp/google',
  revision: '6.50.0',
  bytes: Buffer.byteLength(providerText),
  sha256: sha256(providerText),
  kept: `${Object.keys(resourceSchemas).length} resource types`,
});

// CI report formats: small, kept whole.
if (values['ci-formats']) {
  mkdirSync(join(OUT, 'ci-formats'), { recursive: true });
  for (const name of ['sarif-schema-2.1.0.json', 'JUnit.xsd']) {
    const text = readFileSync(join(values['ci-formats'], name), 'utf8');
    copyFileSync(join(values['ci-formats'], name), join(OUT, 'ci-formats', name));
    sources.push({
      file: `ci-formats/${name}`,
      id: name,
      revision: 'whole file',
      bytes: Buffer.byteLength(text),
      sha256: sha256(text),
      kept: 'whole file',
    });
  }
}

for (const s of sources) console.log(`| ${s.file} | ${s.id} | ${s.revision} | ${s.bytes} | ${s.sha256} | ${s.kept} |`);
console.error(`wrote ${relative('.', OUT)}/`);
