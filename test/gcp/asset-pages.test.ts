import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetIndex } from '../../src/gcp/asset-inventory/index.js';
import { ClientPool } from '../../src/gcp/clients.js';
import { clientOptionsFromEnv } from '../../src/gcp/endpoint.js';
import { LiveSource } from '../../src/gcp/live-source.js';
import { withRetry } from '../../src/gcp/retry.js';
import { ROUTES, type Route } from '../../src/gcp/routes.js';
import { AbandonedAttempt, type PageSink } from '../../src/gcp/source.js';
import { syntheticProjectId } from '../../src/emulator/synthetic-org.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { emulate, FAST_RETRY } from '../helpers/live.js';
import { INVENTORY_READ_TIME, syntheticOf } from '../helpers/synthetic.js';

const ORG = syntheticOf(10);
const READ_TIME = INVENTORY_READ_TIME;
const BASE = { scope: 'organizations/111111111111', readTime: READ_TIME, onFailure: 'strict' } as const;

let emulator: RunningEmulator;
let source: LiveSource;
beforeAll(async () => {
  // Two assets a page: every type of the organization comes in several pages.
  emulator = await emulate({ world: ORG.world, pageSize: 2 });
  source = new LiveSource(new ClientPool(clientOptionsFromEnv()));
});
afterAll(async () => {
  await source.close();
  await emulator.close();
});

const fetch = (route: Route, params: Record<string, string>) =>
  withRetry(() => source.fetch(route, params), FAST_RETRY);
const numberOf = (projectId: string) =>
  (ORG.world[`cloudresourcemanager.googleapis.com/v3/projects/${projectId}`] as { name: string }).name;

/** What an index answers for each project's covered reads. */
function answers(index: AssetIndex): unknown[] {
  return Array.from({ length: 10 }, (_, i) => syntheticProjectId(i)).flatMap((project) =>
    (
      [
        [ROUTES.sqlInstances, { project }],
        [ROUTES.buckets, { project }],
        [ROUTES.alertPolicies, { project }],
        [ROUTES.iamPolicy, { project }],
        [ROUTES.billingInfo, { project }],
        [ROUTES.artifactLocations, { project }],
      ] as const
    ).map(([route, params]) => index.answer(route, params, numberOf(project))),
  );
}

describe("the organization's asset lists, filed a page at a time", () => {
  it('answer every project as the lists read whole do', async () => {
    const whole = await AssetIndex.load({ ...BASE, fetch });
    let pages = 0;
    const paged = await AssetIndex.load({
      ...BASE,
      fetch,
      fetchEach: (route, params, begin) =>
        source.fetchEach(route, params, () => {
          const sink = begin();
          return (items) => {
            pages++;
            return sink(items);
          };
        }),
    });
    expect(pages).toBeGreaterThan(20);
    expect(answers(paged)).toEqual(answers(whole));
  });

  it('an attempt that fails half way is dropped whole: the retry files each asset once', async () => {
    const whole = await AssetIndex.load({ ...BASE, fetch });
    const failedOnce = new Set<string>();
    const paged = await AssetIndex.load({
      ...BASE,
      fetch,
      fetchEach: (route, params, begin: PageSink) =>
        withRetry(
          () =>
            source.fetchEach(route, params, () => {
              const sink = begin();
              let seen = 0;
              return async (items) => {
                await sink(items);
                // The first attempt at each list breaks after its first page, as a connection reset would.
                if (++seen === 1 && !failedOnce.has(params.assetType!)) {
                  failedOnce.add(params.assetType!);
                  throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
                }
              };
            }),
          FAST_RETRY,
        ),
    });
    expect(failedOnce.size).toBeGreaterThan(5);
    expect(answers(paged)).toEqual(answers(whole));
  });
});

describe('a list whose attempt a retry cuts at its timeout', () => {
  it('files each asset once: the abandoned attempt pages on, and its pages are refused', async () => {
    const whole = await AssetIndex.load({ ...BASE, fetch });
    const slowed = new Set<string>();
    let refused = 0;
    const paged = await AssetIndex.load({
      ...BASE,
      fetch,
      fetchEach: (route, params, begin: PageSink) =>
        withRetry(
          () => {
            // The first attempt at each list is slow past its timeout after its first page, and is not stopped.
            const slow = !slowed.has(params.assetType!);
            slowed.add(params.assetType!);
            return source.fetchEach(route, params, () => {
              const sink = begin();
              let seen = 0;
              return async (items) => {
                if (slow && ++seen === 2) await new Promise((resolve) => setTimeout(resolve, 300));
                try {
                  await sink(items);
                } catch (error) {
                  if (error instanceof AbandonedAttempt) refused++;
                  throw error;
                }
              };
            });
          },
          { ...FAST_RETRY, attemptTimeoutMs: 150 },
        ),
    });
    expect(answers(paged)).toEqual(answers(whole));
    expect(refused).toBeGreaterThan(5);
  });
});

describe("a shard's share of the organization's lists", () => {
  it("files only its own projects' assets; another project's reads are never answered from nothing", async () => {
    const whole = await AssetIndex.load({ ...BASE, fetch });
    const own = syntheticProjectId(3);
    const share = await AssetIndex.load({ ...BASE, fetch, projects: new Set([numberOf(own)]) });
    const read = (index: AssetIndex, project: string) =>
      index.answer(ROUTES.sqlInstances, { project }, numberOf(project));
    expect(read(share, own)).toEqual(read(whole, own));
    expect(read(whole, syntheticProjectId(4))).toMatchObject({ covered: true, value: expect.any(Array) });
    // Strict (--source asset-inventory): an error naming the project; under auto it would be asked of its API.
    expect(read(share, syntheticProjectId(4))).toMatchObject({ covered: true, error: expect.any(Error) });
  });
});
