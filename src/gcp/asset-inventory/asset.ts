import { MalformedResponse } from '../response-shape.js';

/** An asset as assets.list returns it (REST JSON of google.cloud.asset.v1.Asset), reduced to what gtp reads. */
export interface Asset {
  name: string;
  assetType: string;
  /** Nearest first: projects/NUMBER, then folders, then the organization. */
  ancestors: string[];
  resource?: { data?: Record<string, unknown>; location?: string };
  iamPolicy?: unknown;
}

/**
 * Checks one asset of a list. An asset gtp cannot place or read makes the whole list unreadable: dropping it could
 * drop the one resource that fails a control.
 */
export function readAsset(value: unknown, what: string): Asset {
  const asset = value as Partial<Asset> | null;
  const fail = (why: string) => new MalformedResponse(`${what}: ${why}`);
  if (!asset || typeof asset !== 'object') throw fail('an asset is not an object');
  if (typeof asset.name !== 'string' || typeof asset.assetType !== 'string') throw fail('an asset has no name or type');
  if (!Array.isArray(asset.ancestors) || asset.ancestors.some((a) => typeof a !== 'string'))
    throw fail(`asset ${asset.name} has no ancestors`);
  if (asset.resource !== undefined) {
    if (typeof asset.resource !== 'object' || asset.resource === null) throw fail(`asset ${asset.name}: resource`);
    const { data } = asset.resource;
    if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data)))
      throw fail(`asset ${asset.name}: resource.data is not an object`);
  }
  return asset as Asset;
}

/** The project an asset lives in (projects/NUMBER), from its nearest ancestor. */
export function projectOf(asset: Asset): string | undefined {
  const nearest = asset.ancestors[0];
  return nearest && /^projects\/\d+$/.test(nearest) ? nearest : undefined;
}
