import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/audit/evaluate.js';
import { selectChecks } from '../../src/audit/run.js';
import { CHECK_IDS } from '../../src/checks/index.js';
import { validateWorldAgainstDiscovery } from '../../src/emulator/discovery.js';
import { Inventory } from '../../src/gcp/inventory.js';
import type { Route } from '../../src/gcp/routes.js';
import { SnapshotSource } from '../../src/gcp/source.js';
import type { World } from '../../src/gcp/world.js';
import { parseRegisterWithProbes, type LoadedRegister } from '../../src/matrix/load.js';
import { listsOf } from '../../src/probes/definition.js';
import { probeRoute } from '../../src/probes/url.js';
import { fieldsRead } from '../helpers/cel-fields.js';
import { documentOf, follow, methodOf } from '../helpers/discovery.js';
import { TEST_NOW } from '../helpers/clock.js';
import { DISCOVERY, ROOT } from '../helpers/paths.js';

const DIR = join(ROOT, 'examples/probes');
/** The published method and item schema of each starter probe's list. */
const SCHEMAS = JSON.parse(readFileSync(join(DIR, 'schemas.json'), 'utf8')) as Record<
  string,
  { file: string; method: string; itemSchema: string }
>;
const world = (name: string) => JSON.parse(readFileSync(join(DIR, 'worlds', `${name}.json`), 'utf8')) as World;

let loaded: LoadedRegister;
beforeAll(async () => {
  loaded = await parseRegisterWithProbes(readFileSync(join(DIR, 'risks.yaml'), 'utf8'), join(DIR, 'risks.yaml'), {
    knownChecks: CHECK_IDS,
  });
});

async function outcomes(name: string): Promise<Record<string, string>> {
  const checks = selectChecks(loaded.register);
  const inventory = new Inventory(new SnapshotSource(world(name)), {
    project: 'acme-prod',
    probes: loaded.register.probes,
  });
  await inventory.collect(checks.flatMap((c) => c.collects));
  return Object.fromEntries(
    checks.map((c) => [c.id, evaluateCheck(c, inventory, { project: 'acme-prod', now: TEST_NOW }).outcome]),
  );
}

describe('the starter probes (examples/probes)', () => {
  it('there are at least eight, each with its published schema named', () => {
    expect(loaded.register.probes.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(SCHEMAS).sort()).toEqual(loaded.register.probes.map((p) => p.id).sort());
  });

  it('each passes in the world where its control is in place, and fails in the one where it is not', async () => {
    const ids = loaded.register.probes.map((p) => p.id);
    expect(await outcomes('pass')).toEqual(Object.fromEntries(ids.map((id) => [id, 'pass'])));
    expect(await outcomes('fail')).toEqual(Object.fromEntries(ids.map((id) => [id, 'fail'])));
  });

  it("each URL is its method's path, each list field and each field a condition reads is in the API's schema", () => {
    for (const probe of loaded.register.probes) {
      const reference = SCHEMAS[probe.id]!;
      const doc = documentOf(reference.file);
      const method = methodOf(doc, reference.method);
      for (const list of listsOf(probe)) {
        // The URL has the method's shape: each {…} of the published path is a placeholder or a wildcard there.
        const template = `${doc.rootUrl}${doc.servicePath}${method.flatPath ?? method.path}`.split('?')[0]!;
        const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
        expect(list.url.split('?')[0], `${probe.id}: ${template}`).toMatch(pattern);
        const response = doc.schemas[method.response!.$ref!]!;
        const field =
          list.items ??
          Object.entries(response.properties ?? {}).find(([, s]) => s.type === 'array' && s.items?.$ref)![0];
        expect(response.properties?.[field]?.items?.$ref, `${probe.id}: ${field}`).toBe(reference.itemSchema);
      }
      for (const condition of [probe.where, probe.require].filter((c): c is string => c !== undefined))
        for (const path of fieldsRead(condition))
          expect(
            follow(doc, { $ref: reference.itemSchema }, path),
            `${probe.id}: ${path.join('.')} is not a field of ${reference.itemSchema}`,
          ).toBeDefined();
    }
  });

  it("both worlds hold only what the APIs' schemas allow", () => {
    const routes: Route[] = loaded.register.probes.flatMap((probe) =>
      listsOf(probe).map((list) => ({ ...probeRoute(list), discovery: SCHEMAS[probe.id]! })),
    );
    for (const name of ['pass', 'fail'])
      expect(validateWorldAgainstDiscovery(world(name), DISCOVERY, routes), name).toEqual([]);
  });
});
