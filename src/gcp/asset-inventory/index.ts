import { classifyError, describeError } from '../errors.js';
import { asTheClientReadsIt, asTheClientReturnsIt } from '../normalize.js';
import { createLimiter } from '../retry.js';
import { ROUTES, type Route } from '../routes.js';
import { attemptsOf, eachPageOf, type PageSink } from '../source.js';
import { FiledPlaces, KeyNumbers } from '../../util/filed-places.js';
import { exactJson, MemorySpool, type Spool } from '../../util/spool.js';
import { readAsset, projectOf, type Asset } from './asset.js';
import { ASSET_COVERAGE, type AssetCoverage } from './coverage.js';
import { compareText } from '../../util/text.js';

type Params = Record<string, string>;

const LISTS_AT_ONCE = 3;

/** The listing that says which projects the inventory holds (see AssetIndex.holds). */
const HOLDINGS = 'cloudresourcemanager.googleapis.com/Project';

/**
 * The instant to read Cloud Asset Inventory at for a run starting `now`: a few seconds back, so that a clock
 * slightly ahead of Google's never asks for a time still to come ("between the current time and 35 days before").
 */
export function readTimeAt(now: Date): Date {
  return new Date(now.getTime() - 5_000);
}

/** The request that lists one covered asset type below a scope (organizations/N or folders/N) at a read time. */
export function listRequestOf(
  coverage: AssetCoverage,
  scope: string,
  readTime: string,
): { route: Route; params: Params } {
  const [scopeKind, scopeId] = scope.split('/') as [string, string];
  return {
    route: coverage.contentType === 'RESOURCE' ? ROUTES.assetResources : ROUTES.assetIamPolicies,
    params: { scopeKind, scopeId, assetType: coverage.assetType, readTime },
  };
}

/** The asset's resource as gtp reads it from the resource's own API (normalize.ts). */
async function readAsTheApi(asset: Asset, coverage: AssetCoverage): Promise<void> {
  if (!asset.resource?.data || !coverage.proto) return;
  const [protoPackage, typeName] = coverage.proto;
  const read = coverage.kept === 'client-object' ? asTheClientReturnsIt : asTheClientReadsIt;
  asset.resource.data = (await read(asset.resource.data, protoPackage, typeName)) as Record<string, unknown>;
}

/**
 * A project's assets of one type as the index keeps them until the project is judged: as JSON text in the spool (an
 * organization's whole inventory is read at the start of its audit, and held on disk it does not grow the audit's
 * memory). REST JSON and the pruned client objects (plain strings, numbers, booleans, lists and objects) round-trip
 * exactly; an asset that would not (a number JSON cannot write, such as NaN) stays an object.
 *
 * Each asset's place is two numbers filed under its project (filed-places.ts): its offset and length in the spool,
 * or -1 and its index among `kept` for one kept as an object.
 */
interface Filed {
  places: FiledPlaces;
  kept: Asset[];
}

/**
 * One asset type's listing as its pages come: each page's assets are checked, read as the API would answer, and
 * filed under their project at once, so that only a page is ever held as objects.
 */
class TypeFiling {
  private readonly filed: Filed;
  private readonly all: Asset[] = [];

  constructor(
    private readonly coverage: AssetCoverage,
    private readonly spool: Spool,
    /** The projects (projects/NUMBER) whose assets are filed; every project when absent. */
    private readonly projects: ReadonlySet<string> | undefined,
    keys: KeyNumbers,
  ) {
    this.filed = { places: new FiledPlaces(keys), kept: [] };
  }

  async add(items: readonly unknown[]): Promise<void> {
    const { coverage } = this;
    // Every asset is checked; only this run's, of the listed type, are read as the API would answer (another
    // shard's project is in the list, the list being the organization's, but never filed here).
    const kept: { asset: Asset; project: string | undefined }[] = [];
    for (const item of items) {
      const asset = readAsset(item, coverage.assetType);
      if (asset.assetType !== coverage.assetType) continue;
      if (coverage.by === 'name') {
        kept.push({ asset, project: undefined });
        continue;
      }
      const project = projectOf(asset);
      if (!project) throw new Error(`${coverage.assetType}: asset ${asset.name} lies in no project`);
      if (!this.projects || this.projects.has(project)) kept.push({ asset, project });
    }
    await Promise.all(kept.map(({ asset }) => readAsTheApi(asset, coverage)));
    for (const { asset, project } of kept) {
      if (project === undefined) this.all.push(asset);
      else this.file(project, asset);
    }
  }

  private file(project: string, asset: Asset): void {
    const { places, kept } = this.filed;
    const text = exactJson(asset);
    if (text === undefined) places.file(project, -1, kept.push(asset) - 1);
    else {
      const { offset, length } = this.spool.append(text);
      places.file(project, offset, length);
    }
  }

  /** The type as listed, once its last page is filed. */
  listing(): Listing {
    this.filed.places.seal();
    return { ok: true, filed: this.filed, all: this.all };
  }
}

/** One asset type as listed: filed by project (or by name), or the error that kept it from being listed. */
type Listing = { ok: true; filed: Filed; all: Asset[] } | { ok: false; error: unknown; coverage: AssetCoverage };

/** What the inventory answers for a request: nothing (ask the API), an answer, or the listing's error. */
export type IndexAnswer = { covered: false } | { covered: true; value: unknown } | { covered: true; error: unknown };

export interface AssetIndexOptions {
  /** organizations/N or folders/N: every project audited lies below it. */
  scope: string;
  /** The instant every list is read at (RFC 3339): the inventory as one consistent picture. */
  readTime: string;
  /** Makes one request (with the run's quota pacing and retries). */
  fetch(route: Route, params: Params): Promise<unknown>;
  /** Where filed assets wait for their project (default: in memory). */
  spool?: Spool;
  /**
   * The projects this run judges (projects/NUMBER): a shard of a plan files only its own share of each list, so
   * that its memory and scratch file follow its share, not the organization.
   */
  projects?: ReadonlySet<string>;
  /** Reads a list a page at a time, where the source can (RestSource.fetchEach): the organization's lists are long. */
  fetchEach?(route: Route, params: Params, begin: PageSink): Promise<void>;
  /**
   * `strict` (--source asset-inventory): a type that cannot be listed makes its controls unverified in every project.
   * `fallback` (--source auto): that type is read from each project's API instead, and the report says so.
   */
  onFailure: 'strict' | 'fallback';
}

/**
 * The organization's resources of every covered type, listed once below the scope, filed by project. Each project's
 * requests for those types are then answered from here; a project's entries are dropped once it is judged.
 */
export class AssetIndex {
  private readonly forgotten = new Set<string>();

  private constructor(
    readonly readTime: string,
    private readonly listings: Map<string, Listing>,
    /** Asset types that could not be listed and are read from the APIs instead (--source auto). */
    readonly fellBack: { assetType: string; reason: string }[],
    private readonly onFailure: AssetIndexOptions['onFailure'] = 'fallback',
    private readonly spool: Spool = new MemorySpool(),
  ) {}

  /** The project's assets of one type, in the order they were filed. */
  private unfile({ places, kept }: Filed, project: string): Asset[] {
    return Array.from(places.pairsOf(project), ([first, second]) =>
      first === -1 ? kept[second]! : (JSON.parse(this.spool.read({ offset: first, length: second })) as Asset),
    );
  }

  /**
   * Whether the inventory holds the project at all: every project has an IAM policy, so an indexed project has its
   * Project IAM_POLICY asset. A project it does not hold (created since the last indexing, or left out of an
   * incomplete answer) has no assets of any type here, which is not the same as having no resources; undefined
   * where that listing is not to be had.
   */
  private holds(project: string): boolean | undefined {
    const listing = this.listings.get(HOLDINGS);
    if (!listing?.ok) return undefined;
    return listing.filed.places.has(project);
  }

  static async load(options: AssetIndexOptions): Promise<AssetIndex> {
    const listings = new Map<string, Listing>();
    const fellBack: { assetType: string; reason: string }[] = [];
    const spool = options.spool ?? new MemorySpool();
    const keys = new KeyNumbers();
    // A few types at a time, each filed a page at a time.
    const limit = createLimiter(LISTS_AT_ONCE);
    await Promise.all(
      ASSET_COVERAGE.map((coverage) =>
        limit(async () => {
          const { route, params } = listRequestOf(coverage, options.scope, options.readTime);
          try {
            // Filed page by page: each attempt at the list (a retry starts it again) files into a filing of its own.
            const attempts = attemptsOf(
              () => new TypeFiling(coverage, spool, options.projects, keys),
              (filing, items) => filing.add(items),
            );
            await eachPageOf(options, route, params, attempts.begin);
            listings.set(coverage.assetType, attempts.current().listing());
          } catch (error) {
            if (options.onFailure === 'fallback' && classifyError(error).kind !== 'unknown') {
              fellBack.push({ assetType: coverage.assetType, reason: describeError(error) });
              return;
            }
            listings.set(coverage.assetType, { ok: false, error, coverage });
          }
        }),
      ),
    );
    fellBack.sort((a, b) => compareText(a.assetType, b.assetType));
    return new AssetIndex(options.readTime, listings, fellBack, options.onFailure, spool);
  }

  /** The answer to a request of the project numbered `project` (projects/NUMBER), or `covered: false`. */
  answer(route: Route, params: Params, project: string | undefined): IndexAnswer {
    const coverage = ASSET_COVERAGE.find((c) => c.routes.includes(route));
    const listing = coverage && this.listings.get(coverage.assetType);
    if (!coverage || !listing) return { covered: false };
    if (!listing.ok) return { covered: true, error: listing.error };
    if (project && this.forgotten.has(project))
      throw new Error(`${project} was asked about after its assets were released`);
    if (coverage.by === 'project' && project && this.holds(project) !== true) {
      // Not held: ask the project's own API (--source auto), or say so (--source asset-inventory).
      if (this.onFailure === 'fallback') return { covered: false };
      return {
        covered: true,
        error: new Error(
          `Cloud Asset Inventory does not hold ${project} (not yet indexed, or left out of its answer): its ${coverage.assetType} assets are unknown`,
        ),
      };
    }
    const assets = coverage.by === 'name' ? listing.all : project ? this.unfile(listing.filed, project) : undefined;
    if (!assets) return { covered: false };
    const value = coverage.answer(route, params, assets);
    return value === undefined ? { covered: false } : { covered: true, value };
  }

  /**
   * A judged project's assets are not needed again: asking for them is a bug. (Its few numbers in the index stay;
   * the assets themselves wait on disk.)
   */
  forget(project: string): void {
    this.forgotten.add(project);
  }

  /** The asset types answered from the inventory. */
  get assetTypes(): string[] {
    return [...this.listings.keys()].sort();
  }
}
