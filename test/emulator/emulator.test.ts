import { afterEach, describe, expect, it } from 'vitest';
import { globToRegExp } from '../../src/util/glob.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { KEY } from '../fixtures/keys.js';
import { TEST_CLOCK } from '../helpers/clock.js';
import { fixedClock } from '../../src/util/clock.js';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const world = {
  [KEY.sql]: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
  [KEY.backends]: {
    global: { backendServices: [{ name: 'g1' }, { name: 'g2' }] },
    'regions/us-east1': { warning: { code: 'NO_RESULTS_ON_PAGE', message: 'none' } },
  },
};

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${emulator!.url}${path}`, { headers });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('the emulator', () => {
  it("pages a list with the API's own parameters until nextPageToken is gone", async () => {
    emulator = await startEmulator({ clock: TEST_CLOCK, world, pageSize: 2 });
    const first = await get('/v1/projects/acme-prod/instances');
    expect(first.body.items).toEqual([{ name: 'a' }, { name: 'b' }]);
    const second = await get(`/v1/projects/acme-prod/instances?pageToken=${first.body.nextPageToken}`);
    expect(second.body).toEqual({ items: [{ name: 'c' }] });
    const asked = await get('/v1/projects/acme-prod/instances?maxResults=1');
    expect(asked.body.items).toEqual([{ name: 'a' }]);
  });

  it("pages by each API's documented default and maximum when the caller names no size", async () => {
    // Cloud SQL instances.list: "If unspecified, at most 500 instances are returned. The maximum value is 1000".
    const instances = Array.from({ length: 1201 }, (_, i) => ({ name: `db-${i}` }));
    emulator = await startEmulator({ clock: TEST_CLOCK, world: { [KEY.sql]: instances } });
    const first = await get('/v1/projects/acme-prod/instances');
    expect((first.body.items as unknown[]).length).toBe(500);
    const asked = await get('/v1/projects/acme-prod/instances?maxResults=5000');
    expect((asked.body.items as unknown[]).length).toBe(1000);
    await emulator.close();
    // Budgets: "The default and maximum value are 100."
    const budgets = Array.from({ length: 101 }, (_, i) => ({
      name: `billingAccounts/012345-6789AB-CDEF01/budgets/${i}`,
    }));
    emulator = await startEmulator({ clock: TEST_CLOCK, world: { [KEY.budgets]: budgets } });
    const page = await get('/v1/billingAccounts/012345-6789AB-CDEF01/budgets');
    expect((page.body.budgets as unknown[]).length).toBe(100);
    expect(page.body.nextPageToken).toBeDefined();
  });

  it('pages an aggregated list across scopes and keeps the warnings of empty scopes', async () => {
    emulator = await startEmulator({ clock: TEST_CLOCK, world, pageSize: 1 });
    const first = await get('/compute/v1/projects/acme-prod/aggregated/backendServices');
    expect(first.body.items).toEqual({
      'regions/us-east1': { warning: { code: 'NO_RESULTS_ON_PAGE', message: 'none' } },
      global: { backendServices: [{ name: 'g1' }] },
    });
    const second = await get(
      `/compute/v1/projects/acme-prod/aggregated/backendServices?pageToken=${first.body.nextPageToken}`,
    );
    expect(second.body).toEqual({ items: { global: { backendServices: [{ name: 'g2' }] } } });
  });

  it('serves a world that records its capture moved to its clock, so nothing in it ages', async () => {
    const captured = {
      $capturedAt: '2026-11-26T12:00:00.000Z',
      [KEY.sql]: [{ name: 'a', createTime: '2026-11-25T12:00:00.000Z' }],
    };
    emulator = await startEmulator({ clock: fixedClock('2028-01-01T00:00:00Z'), world: captured });
    expect((await get('/v1/projects/acme-prod/instances')).body.items).toEqual([
      { name: 'a', createTime: '2027-12-31T00:00:00.000Z' },
    ]);
    await emulator.close();
    // A world with no capture time (a test's own) is served as written.
    emulator = await startEmulator({
      clock: fixedClock('2028-01-01T00:00:00Z'),
      world: { [KEY.sql]: [{ name: 'a', createTime: '2026-11-25T12:00:00.000Z' }] },
    });
    expect((await get('/v1/projects/acme-prod/instances')).body.items).toEqual([
      { name: 'a', createTime: '2026-11-25T12:00:00.000Z' },
    ]);
  });

  it('answers what a world leaves out as Google would', async () => {
    emulator = await startEmulator({ clock: TEST_CLOCK, world: {} });
    expect((await get('/v1/projects/acme-prod/instances')).body).toEqual({});
    expect((await get('/v1/projects/acme-prod/services/containerscanning.googleapis.com')).body).toMatchObject({
      state: 'DISABLED',
    });
    expect((await get('/v1/projects/acme-prod/billingInfo')).body).toMatchObject({ billingEnabled: false });
    const project = await get('/v3/projects/acme-prod');
    expect(project.status).toBe(404);
    const unknown = await get('/v9/nothing/here');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 404, status: 'NOT_FOUND' } } });
  });

  it('lists Cloud Storage objects by the bytes of their names, whatever the locale', async () => {
    emulator = await startEmulator({ clock: TEST_CLOCK, world: {} });
    for (const name of ['b', 'é', 'B', 'a', 'a_', 'aZ'])
      await fetch(
        `${emulator.url}/upload/storage/v1/b/drills/o?uploadType=media&name=${encodeURIComponent(`d/${name}`)}`,
        {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        },
      );
    const listed = (await get('/storage/v1/b/drills/o?prefix=d%2F')).body.items as { name: string }[];
    // "B" (0x42) before "a" (0x61), "aZ" (0x5a) before "a_" (0x5f), "é" (0xc3 0xa9) last: not a locale's order.
    expect(listed.map((o) => o.name)).toEqual(['d/B', 'd/a', 'd/aZ', 'd/a_', 'd/b', 'd/é']);
  });

  it("denies matching paths in each service's error shape", async () => {
    emulator = await startEmulator({
      clock: TEST_CLOCK,
      world,
      deny: ['/v1/projects/*/instances', '/v1/billingAccounts/*/budgets'],
    });
    // Most APIs: google.rpc.Status with an ErrorInfo naming the permission.
    const budgets = await get('/v1/billingAccounts/012345-6789AB-CDEF01/budgets');
    expect(budgets.status).toBe(403);
    expect(budgets.body.error).toMatchObject({
      status: 'PERMISSION_DENIED',
      details: [{ reason: 'IAM_PERMISSION_DENIED', metadata: { permission: 'billing.budgets.list' } }],
    });
    // Cloud SQL: the legacy errors[] list, notAuthorized, and no permission named.
    const sql = await get('/v1/projects/acme-prod/instances');
    expect(sql.status).toBe(403);
    expect(sql.body.error).toEqual({
      code: 403,
      message: 'The client is not authorized to make this request.',
      errors: [
        { message: 'The client is not authorized to make this request.', domain: 'global', reason: 'notAuthorized' },
      ],
    });
    expect((await get('/compute/v1/projects/acme-prod/aggregated/backendServices')).status).toBe(200);
  });

  it('answers a page token it never issued, or a filter it cannot parse, with 400 as Google does, and keeps serving', async () => {
    emulator = await startEmulator({ clock: TEST_CLOCK, world, pageSize: 2 });
    const token = await get('/v1/projects/acme-prod/instances?pageToken=not-a-token');
    expect(token.status).toBe(400);
    expect(token.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    const filter = await get(
      `/v2/projects/acme-prod/sources/-/findings?filter=${encodeURIComponent('state="ACTIVE" AND (')}`,
    );
    expect(filter.status).toBe(400);
    expect((await get('/v1/projects/acme-prod/instances')).status).toBe(200);
  });

  it('answers SERVICE_DISABLED for a disabled API', async () => {
    emulator = await startEmulator({ clock: TEST_CLOCK, world, disable: ['/compute/**'] });
    const disabled = await get('/compute/v1/projects/acme-prod/aggregated/backendServices');
    expect(disabled.body.error).toMatchObject({
      code: 403,
      details: [{ reason: 'SERVICE_DISABLED', metadata: { service: 'compute.googleapis.com' } }],
    });
  });

  it('fails the requested fraction of API calls with 503, never the metadata server', async () => {
    emulator = await startEmulator({ clock: TEST_CLOCK, world, failRate: 1 });
    expect((await get('/v1/projects/acme-prod/instances')).body).toMatchObject({
      error: { code: 503, status: 'UNAVAILABLE' },
    });
    const token = await get('/computeMetadata/v1/instance/service-accounts/default/token', {
      'Metadata-Flavor': 'Google',
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('metadata-flavor')).toBe('Google');
    expect(token.body).toMatchObject({ access_token: expect.any(String), token_type: 'Bearer' });
  });

  it('delays responses by the configured latency and logs every request', async () => {
    emulator = await startEmulator({ clock: TEST_CLOCK, world, latencyMs: 150 });
    const started = performance.now();
    await get('/v1/projects/acme-prod/instances');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(emulator.requests).toEqual([{ method: 'GET', path: '/v1/projects/acme-prod/instances', status: 200 }]);
  });
});

describe('path globs', () => {
  it.each([
    ['/v1/billingAccounts/*/budgets', '/v1/billingAccounts/ABC/budgets', true],
    ['/v1/billingAccounts/*/budgets', '/v1/billingAccounts/A/B/budgets', false],
    ['/compute/**', '/compute/v1/projects/p/aggregated/backendServices', true],
    ['/v1/projects/*/instances', '/v1/projects/p/instances/x', false],
  ])('%s against %s: %s', (glob, path, matches) => {
    expect(globToRegExp(glob).test(path)).toBe(matches);
  });
});
