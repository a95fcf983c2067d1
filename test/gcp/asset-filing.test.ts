import { describe, expect, it } from 'vitest';
import { exactJson } from '../../src/gcp/asset-inventory/index.js';
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
