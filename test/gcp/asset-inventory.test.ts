import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetIndex } from '../../src/gcp/asset-inventory/index.js';
import { ASSET_COVERAGE } from '../../src/gcp/asset-inventory/coverage.js';
import { readAsset } from '../../src/gcp/asset-inventory/asset.js';
import { ClientPool } from '../../src/gcp/clients.js';
import { clientOptionsFromEnv } from '../../src/gcp/endpoint.js';
import { LiveSource } from '../../src/gcp/live-source.js';
import { MalformedResponse } from '../../src/gcp/response-shape.js';
import { withRetry } from '../../src/gcp/retry.js';
import { ROUTES, type Route } from '../../src/gcp/routes.js';
import { syntheticProjectId } from '../../src/emulator/synthetic-org.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { emulate, FAST_RETRY } from '../helpers/live.js';
import { INVENTORY_READ_TIME, syntheticOf } from '../helpers/synthetic.js';

const ORG = syntheticOf(10);
const READ_TIME = INVENTORY_READ_TIME;

/** Every request each covered asset type answers, for one project (`p`: its id). */
const REQUESTS: Record<string, (p: string) => [Route, Record<string, string>][]> = {
  'sqladmin.googleapis.com/Instance': (p) => [[ROUTES.sqlInstances, { project: p }]],
  'compute.googleapis.com/BackendService': (p) => [[ROUTES.backendServices, { project: p }]],
  'compute.googleapis.com/SecurityPolicy': (p) => [[ROUTES.securityPolicies, { project: p }]],
  'storage.googleapis.com/Bucket': (p) => [[ROUTES.buckets, { project: p }]],
  'artifactregistry.googleapis.com/Repository': (p) => [
    [ROUTES.artifactRepositories, { project: p, location: 'us-central1' }],
    [ROUTES.artifactRepositories, { project: p, location: 'europe-west1' }],
  ],
  'clouddeploy.googleapis.com/DeliveryPipeline': (p) => [
    [ROUTES.deliveryPipelines, { project: p, location: 'us-central1' }],
  ],
  'clouddeploy.googleapis.com/Automation': (p) => [
    [ROUTES.automations, { project: p, location: 'us-central1', pipeline: 'web' }],
  ],
  'monitoring.googleapis.com/AlertPolicy': (p) => [[ROUTES.alertPolicies, { project: p }]],
  'monitoring.googleapis.com/NotificationChannel': (p) => [[ROUTES.notificationChannels, { project: p }]],
  'monitoring.googleapis.com/Snooze': (p) => [[ROUTES.snoozes, { project: p }]],
  'backupdr.googleapis.com/BackupVault': (p) => [[ROUTES.backupVaults, { project: p }]],
  'binaryauthorization.googleapis.com/Policy': (p) => [[ROUTES.binauthzPolicy, { project: p }]],
  'cloudbilling.googleapis.com/ProjectBillingInfo': (p) => [[ROUTES.billingInfo, { project: p }]],
  'cloudresourcemanager.googleapis.com/Project': (p) => [[ROUTES.iamPolicy, { project: p }]],
  'cloudresourcemanager.googleapis.com/Folder': () => [
    [ROUTES.folderIamPolicy, { folder: '222222222222' }],
    [ROUTES.folderIamPolicy, { folder: '300000000001' }],
  ],
  'cloudresourcemanager.googleapis.com/Organization': () => [
    [ROUTES.organizationIamPolicy, { organization: '111111111111' }],
  ],
};

/** Lists compared as sets (the inventory orders by asset name, an API by its own key); empty scopes dropped. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map(comparable).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => !(v && typeof v === 'object' && 'warning' in v && Object.keys(v).length === 1),
    );
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, comparable(v)]));
  }
  return value;
}

let emulator: RunningEmulator;
let source: LiveSource;
let index: AssetIndex;
beforeAll(async () => {
  emulator = await emulate({ world: ORG.world });
  source = new LiveSource(new ClientPool(clientOptionsFromEnv()));
  index = await AssetIndex.load({
    scope: 'organizations/111111111111',
    readTime: READ_TIME,
    fetch: (route, params) => withRetry(() => source.fetch(route, params), FAST_RETRY),
    onFailure: 'strict',
  });
});
afterAll(async () => {
  await source.close();
  await emulator.close();
});

const numberOf = (projectId: string) =>
  (ORG.world[`cloudresourcemanager.googleapis.com/v3/projects/${projectId}`] as { name: string }).name;

describe('Cloud Asset Inventory answers as each API answers (one parity case per asset type)', () => {
  it('every covered asset type has its parity case', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual(ASSET_COVERAGE.map((c) => c.assetType).sort());
    expect(index.assetTypes).toEqual(ASSET_COVERAGE.map((c) => c.assetType).sort());
  });

  it.each(ASSET_COVERAGE.map((c) => [c.assetType] as const))('%s', async (assetType) => {
    let answered = 0;
    // Seed, drifted and hardened projects: what each holds differs.
    for (const projectId of [0, 4, 6].map(syntheticProjectId)) {
      for (const [route, params] of REQUESTS[assetType]!(projectId)) {
        const fromInventory = index.answer(route, params, numberOf(projectId));
        // The API's answer for the same request, through the official client as an audit reads it.
        const fromApi = await withRetry(() => source.fetch(route, params), FAST_RETRY).catch(() => undefined);
        if (!fromInventory.covered) {
          // The inventory holds none of a one-of-a-kind resource: the API is asked, and is what the audit reads.
          expect(route.kind).toBe('get');
          continue;
        }
        expect('value' in fromInventory, JSON.stringify(fromInventory)).toBe(true);
        expect(comparable((fromInventory as { value: unknown }).value)).toEqual(comparable(fromApi));
        if (JSON.stringify(comparable(fromApi)) !== '[]' && JSON.stringify(comparable(fromApi)) !== '{}') answered++;
      }
    }
    // A case that compares only empty answers proves nothing.
    expect(answered, `${assetType}: no project holds one`).toBeGreaterThan(0);
  });

  it.each([
    ['Artifact Registry repositories', ROUTES.artifactLocations, ROUTES.artifactRepositories],
    ['Cloud Deploy pipelines', ROUTES.deployLocations, ROUTES.deliveryPipelines],
  ] as const)(
    "%s: listed in the locations the inventory holds, they are the project's in every location the API names",
    async (_what, locations, list) => {
      let answered = 0;
      for (const projectId of [0, 4, 6].map(syntheticProjectId)) {
        const number = numberOf(projectId);
        const api = (route: Route, params: Record<string, string>) =>
          withRetry(() => source.fetch(route, params), FAST_RETRY);
        const ids = (value: unknown) => (value as { locationId: string }[]).map((l) => l.locationId);
        const held = index.answer(locations, { project: projectId }, number);
        expect(held.covered && 'value' in held, JSON.stringify(held)).toBe(true);
        const fromInventory = ids((held as { value: unknown }).value).flatMap(
          (location) => (index.answer(list, { project: projectId, location }, number) as { value: unknown[] }).value,
        );
        const fromApi = (
          await Promise.all(
            ids(await api(locations, { project: projectId })).map((location) =>
              api(list, { project: projectId, location }),
            ),
          )
        ).flat();
        expect(comparable(fromInventory)).toEqual(comparable(fromApi));
        // The inventory names fewer locations (only those with resources), never one the API does not.
        const apiLocations = ids(await api(locations, { project: projectId }));
        for (const id of ids((held as { value: unknown }).value)) expect(apiLocations).toContain(id);
        answered += fromApi.length;
      }
      expect(answered).toBeGreaterThan(0);
    },
  );

  it("a project's assets are released once it is judged, and asking again is an error, never an empty list", () => {
    const number = numberOf(syntheticProjectId(1));
    expect(index.answer(ROUTES.sqlInstances, { project: syntheticProjectId(1) }, number)).toMatchObject({
      covered: true,
    });
    index.forget(number);
    expect(() => index.answer(ROUTES.sqlInstances, { project: syntheticProjectId(1) }, number)).toThrow(
      'was asked about after its assets were released',
    );
  });
});

describe('an asset list gtp cannot read', () => {
  it('an asset it cannot place makes the whole list unreadable: dropping it could drop the failing resource', () => {
    expect(() => readAsset({ name: '//x', assetType: 't' }, 't')).toThrow(MalformedResponse);
    expect(() => readAsset({ name: '//x', assetType: 't', ancestors: [], resource: { data: [] } }, 't')).toThrow(
      'resource.data is not an object',
    );
  });

  it('strict: a type that cannot be listed is an error for every project; auto: read from the APIs instead', async () => {
    const failing = async (route: Route, params: Record<string, string>) => {
      if (params.assetType === 'sqladmin.googleapis.com/Instance')
        throw Object.assign(new Error('The caller does not have permission'), { code: 7 });
      return withRetry(() => source.fetch(route, params), FAST_RETRY);
    };
    const options = { scope: 'organizations/111111111111', readTime: READ_TIME, fetch: failing };
    const strict = await AssetIndex.load({ ...options, onFailure: 'strict' });
    const project = syntheticProjectId(0);
    expect(strict.answer(ROUTES.sqlInstances, { project }, numberOf(project))).toMatchObject({ covered: true });
    expect('error' in strict.answer(ROUTES.sqlInstances, { project }, numberOf(project))).toBe(true);
    const auto = await AssetIndex.load({ ...options, onFailure: 'fallback' });
    expect(auto.answer(ROUTES.sqlInstances, { project }, numberOf(project))).toEqual({ covered: false });
    expect(auto.fellBack.map((f) => f.assetType)).toEqual(['sqladmin.googleapis.com/Instance']);
  });
});

describe('a project the inventory does not hold at all', () => {
  it('is asked of its own API under --source auto, and is an error under --source asset-inventory: never "nothing there"', async () => {
    const project = syntheticProjectId(4);
    const missing = numberOf(project);
    // The inventory's answers with every asset of one project left out (not yet indexed, or an incomplete answer).
    const without = async (route: Route, params: Record<string, string>) => {
      const answer = (await withRetry(() => source.fetch(route, params), FAST_RETRY)) as { ancestors?: string[] }[];
      return answer.filter((asset) => !asset.ancestors?.includes(missing));
    };
    const options = { scope: 'organizations/111111111111', readTime: READ_TIME, fetch: without };
    const auto = await AssetIndex.load({ ...options, onFailure: 'fallback' });
    expect(auto.answer(ROUTES.sqlInstances, { project }, missing)).toEqual({ covered: false });
    expect(auto.answer(ROUTES.backendServices, { project }, missing)).toEqual({ covered: false });
    const strict = await AssetIndex.load({ ...options, onFailure: 'strict' });
    const answer = strict.answer(ROUTES.sqlInstances, { project }, missing) as { covered: true; error: Error };
    expect(answer.error.message).toBe(
      `Cloud Asset Inventory does not hold ${missing} (not yet indexed, or left out of its answer): its sqladmin.googleapis.com/Instance assets are unknown`,
    );
    // A project it holds is answered from it, as before.
    const held = syntheticProjectId(0);
    expect(strict.answer(ROUTES.sqlInstances, { project: held }, numberOf(held))).toMatchObject({
      covered: true,
      value: expect.any(Array),
    });
  });
});
