import { describe, expect, it } from 'vitest';
import { AssetIndex } from '../../src/gcp/asset-inventory/index.js';
import { ROUTES } from '../../src/gcp/routes.js';
import { exactJson, FileSpool } from '../../src/util/spool.js';
import type { Asset } from '../../src/gcp/asset-inventory/asset.js';

const asset = (data: Record<string, unknown>, extra: Record<string, unknown> = {}): Asset =>
  ({
    name: '//compute.googleapis.com/projects/p/global/backendServices/web',
    assetType: 'compute.googleapis.com/BackendService',
    resource: { data },
    ...extra,
  }) as Asset;

describe('an asset filed as JSON text until its project is judged', () => {
  it('is JSON text when JSON gives it back exactly', () => {
    const exact = asset({ name: 'web', timeoutSec: 30, enableCDN: false, backends: [{ capacityScaler: 0.5 }], x: {} });
    const text = exactJson(exact);
    expect(text).toBeDefined();
    expect(JSON.parse(text!)).toEqual(exact);
  });

  it('leaves an undefined property out, as absent', () => {
    const text = exactJson(asset({ name: 'web' }, { iamPolicy: undefined }));
    expect(text).toBeDefined();
    expect(JSON.parse(text!)).not.toHaveProperty('iamPolicy');
  });

  it.each([
    ['NaN', asset({ backends: [{ capacityScaler: Number.NaN }] })],
    ['Infinity', asset({ maxRate: Number.POSITIVE_INFINITY })],
    ['an undefined list item', asset({ backends: [undefined] })],
  ])('stays an object where JSON would change it (%s)', (_what, value) => {
    expect(exactJson(value)).toBeUndefined();
  });
});

describe('a project’s assets, filed as text and as objects, answered in the order they were listed', () => {
  it('gives back every asset as listed, one JSON would change among them', async () => {
    const project = 'projects/200000000001';
    const bucket = (name: string, extra: Record<string, unknown> = {}) => ({
      name: `//storage.googleapis.com/${name}`,
      assetType: 'storage.googleapis.com/Bucket',
      ancestors: [project, 'organizations/1'],
      resource: { data: { name, ...extra } },
    });
    const listed = [bucket('a'), bucket('b', { odd: Number.NaN }), bucket('c', { labels: { k: 'v' } })];
    const index = await AssetIndex.load({
      scope: 'organizations/1',
      readTime: '2026-11-26T12:00:00Z',
      onFailure: 'strict',
      spool: new FileSpool(),
      fetch: async (_route, params) => {
        if (params.assetType === 'storage.googleapis.com/Bucket') return listed;
        if (params.assetType === 'cloudresourcemanager.googleapis.com/Project')
          return [
            { name: '//cloudresourcemanager.googleapis.com/p', assetType: params.assetType, ancestors: [project] },
          ];
        return [];
      },
    });
    const answer = index.answer(ROUTES.buckets, { project: 'p' }, project);
    expect(answer).toEqual({ covered: true, value: listed.map((b) => b.resource.data) });
  });
});
