import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as z from 'zod';
import { describeError } from '../gcp/errors.js';
import { ASSET_COVERAGE } from '../gcp/asset-inventory/coverage.js';
import { listRequestOf } from '../gcp/asset-inventory/index.js';
import { createLimiter } from '../gcp/retry.js';
import type { Route } from '../gcp/routes.js';
import { attemptsOf, type PageSink } from '../gcp/source.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { InputError } from '../util/errors.js';
import { FileSpool, type Slice } from '../util/spool.js';

/**
 * Cloud Asset Inventory's lists, read once by `gtp org plan` into the plan directory for every shard to share: a
 * shard files its own projects' assets from the plan's copy instead of listing the whole organization again (each
 * of N shards listing it made N times the calls, against a quota of 100 a minute). The copy is the lists as the
 * API answered them, at the plan's read time (the instant every shard would have read them at), one asset per
 * line; the plan names each file's digest, and a shard refuses a file that does not match.
 */
export const INVENTORY_DIR = 'inventory';

const listedSchema = z.strictObject({
  assetType: z.string(),
  file: z
    .string()
    .regex(/^inventory\/[a-z0-9.-]+\.ndjson$/, { message: 'not a file of the plan’s inventory directory' }),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, { message: 'not a sha256 digest' }),
  assets: z.number().int().nonnegative(),
});

const unlistedSchema = z.strictObject({
  assetType: z.string(),
  unlisted: z.string().describe('why the plan could not list it: each shard lists it itself'),
});

export const planInventorySchema = z
  .array(z.union([listedSchema, unlistedSchema]))
  .describe('the asset types the plan listed for its shards, or could not');

export type PlanInventory = z.infer<typeof planInventorySchema>;

/** Lists a page at a time (the organization's own paced reads). */
export type ReadEach = (route: Route, params: Record<string, string>, begin: PageSink) => Promise<void>;

const fileOf = (assetType: string) => `${INVENTORY_DIR}/${assetType.toLowerCase().replace(/[^a-z0-9.]+/g, '-')}.ndjson`;

const LISTS_AT_ONCE = 3;

/**
 * Lists every covered asset type below the scope at the read time into DIR/inventory/, a page at a time through a
 * scratch spool (memory holds a page, never a list). A type that cannot be listed is recorded with the reason, and
 * each shard lists it itself, as it would have without the plan.
 */
export async function writePlanInventory(
  dir: string,
  scope: string,
  readTime: string,
  readEach: ReadEach,
): Promise<PlanInventory> {
  const spool = new FileSpool();
  const limit = createLimiter(LISTS_AT_ONCE);
  try {
    return await Promise.all(
      ASSET_COVERAGE.map((coverage) =>
        limit(async () => {
          const { route, params } = listRequestOf(coverage, scope, readTime);
          // Each attempt at the list (a retry starts it again) keeps pages of its own.
          const attempts = attemptsOf(
            () => ({ pages: [] as Slice[], assets: 0 }),
            (attempt, items) => {
              if (items.length === 0) return;
              attempt.pages.push(spool.append(`${items.map((item) => JSON.stringify(item)).join('\n')}\n`));
              attempt.assets += items.length;
            },
          );
          try {
            await readEach(route, params, attempts.begin);
          } catch (error) {
            return { assetType: coverage.assetType, unlisted: describeError(error) };
          }
          const { pages, assets } = attempts.current();
          const file = fileOf(coverage.assetType);
          const hash = createHash('sha256');
          const pieces = function* () {
            for (const page of pages) {
              const text = spool.read(page);
              hash.update(text, 'utf8');
              yield text;
            }
          };
          await writeFileAtomic(join(dir, file), pieces());
          return { assetType: coverage.assetType, file, digest: `sha256:${hash.digest('hex')}`, assets };
        }),
      ),
    );
  } finally {
    spool.close();
  }
}

const PAGE = 500;

/** What a plan's copy of one list holds, read a page at a time; the digest is taken of the bytes as they are read. */
async function readListed(
  path: string,
  onPage: ((items: readonly unknown[]) => void | Promise<void>) | undefined,
): Promise<{ digest: string; assets: number }> {
  const hash = createHash('sha256');
  const stream = createReadStream(path);
  stream.on('data', (chunk) => hash.update(chunk));
  let page: unknown[] = [];
  // One asset a line: the lines read are the assets read.
  let assets = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    assets++;
    if (!onPage) continue;
    try {
      page.push(JSON.parse(text));
    } catch {
      throw new InputError(`${path}:${assets}: not an asset as JSON`);
    }
    if (page.length === PAGE) {
      await onPage(page);
      page = [];
    }
  }
  if (onPage && page.length > 0) await onPage(page);
  return { digest: `sha256:${hash.digest('hex')}`, assets };
}

/**
 * The plan's copy of the inventory, checked before any shard reads it: each file the plan names is present and
 * has the digest the plan recorded (a file edited after the plan, or another plan's, is refused: exit 2).
 */
export async function checkPlanInventory(dir: string, inventory: PlanInventory): Promise<void> {
  for (const entry of inventory) {
    if (!('file' in entry)) continue;
    const path = join(dir, entry.file);
    const read = await readListed(path, undefined).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new InputError(`${path}: missing (the plan lists ${entry.assetType} there)`);
      throw error;
    });
    if (read.digest !== entry.digest)
      throw new InputError(`${path}: not the list the plan made (its digest differs): make the plan again`);
  }
}

/**
 * Reads a list from the plan's copy where the plan has one, page by page, as the API would hand it over; undefined
 * for a list it does not hold (a type the plan could not list, or another request), which is then read from the API.
 * The digest is checked again as the file is read: a file changed since the check fails the list, never passes it.
 */
export function fromPlanInventory(
  dir: string,
  inventory: PlanInventory,
): (route: Route, params: Record<string, string>, begin: PageSink) => Promise<void> | undefined {
  const listed = new Map(inventory.flatMap((e) => ('file' in e ? [[e.assetType, e] as const] : [])));
  return (_route, params, begin) => {
    const entry = params.assetType === undefined ? undefined : listed.get(params.assetType);
    if (!entry) return undefined;
    return (async () => {
      const path = join(dir, entry.file);
      const read = await readListed(path, begin());
      if (read.digest !== entry.digest || read.assets !== entry.assets)
        throw new Error(`${path}: changed while it was read (its digest differs from the plan's)`);
    })();
  };
}
