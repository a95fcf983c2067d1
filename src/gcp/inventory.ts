import { COLLECTIONS, type CollectionContext, type CollectionId } from './collections.js';
import { classifyError, needing, type CollectionError } from './errors.js';
import { createLimiter, DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';
import { assertResponseShape, MalformedResponse } from './response-shape.js';
import { assertFieldTypes } from './model/field-types.js';
import { EndlessList } from './pages.js';
import { assertScopesReached, IncompleteList } from './incomplete.js';
import { routeKey, type Route } from './routes.js';
import type { RestSource } from './source.js';
import type { World } from './world.js';
import { withQuotaAndRetry, type QuotaPacer } from './quota.js';
import { ERRORS_KEY } from './world-file.js';
import { compareText } from '../util/text.js';

export type CollectionResult = { ok: true; value: unknown } | { ok: false; error: CollectionError };

/** What checks read: the collected data, never a client. */
export interface InventoryView {
  get(id: CollectionId): CollectionResult;
}

export interface InventoryOptions {
  concurrency?: number;
  retry?: RetryPolicy;
  /** Paces each Google API request by its rate quota (shared by every project of an organization audit). */
  pacer?: QuotaPacer;
  /**
   * Answers shared by the inventories of one organization audit, by REST key: a request that names no project (a
   * billing account's budgets, a folder's or the organization's IAM policy, a bucket by name) is the same request
   * for every project, so it is made once. A failed one is forgotten, so the next project asks again.
   */
  sharedReads?: Map<string, Promise<unknown>>;
}

/**
 * Fetches each collection once per run: independent collections in parallel under a concurrency bound, a
 * dependent one as soon as what it needs has arrived. Keeps every raw answer by its REST key, which is the snapshot.
 */
export class Inventory implements InventoryView {
  private readonly pending = new Map<CollectionId, Promise<CollectionResult>>();
  private readonly results = new Map<CollectionId, CollectionResult>();
  private readonly raw: World = {};
  private readonly limit: ReturnType<typeof createLimiter>;
  private readonly retry: RetryPolicy;
  private readonly pacer: QuotaPacer | undefined;
  private readonly sharedReads: Map<string, Promise<unknown>> | undefined;
  private readonly requested = new Map<string, Promise<unknown>>();

  constructor(
    private readonly source: RestSource,
    private readonly ctx: CollectionContext,
    options: InventoryOptions = {},
  ) {
    this.limit = createLimiter(options.concurrency ?? 16);
    this.pacer = options.pacer;
    this.sharedReads = options.sharedReads;
    // Each request is cancelled at the request timeout (clients.ts); an attempt's own deadline is the safety net for
    // a call no library times out (the Kubernetes API), with room for a paged collection's pages and client loading.
    const requestTimeoutMs = source.requestTimeoutMs;
    this.retry =
      options.retry ??
      (requestTimeoutMs
        ? { ...DEFAULT_RETRY, attemptTimeoutMs: Math.max(2 * requestTimeoutMs, requestTimeoutMs + 10_000) }
        : DEFAULT_RETRY);
  }

  /** Collects every listed collection (and what they depend on); never throws: failures become error results. */
  async collect(ids: Iterable<CollectionId>): Promise<void> {
    await Promise.all([...new Set(ids)].map((id) => this.load(id)));
  }

  get(id: CollectionId): CollectionResult {
    const result = this.results.get(id);
    if (!result) throw new Error(`collection ${id} was read but never collected: list it in the check's collects`);
    return result;
  }

  /** Whether any answer at all came back from Google (a list, a get, a cluster's API server). */
  readAnything(): boolean {
    return Object.keys(this.raw).length > 0;
  }

  /** The raw answers gathered so far, in the world format, with the collections that failed under $errors. */
  snapshot(): World {
    const world: World = Object.fromEntries(Object.entries(this.raw).sort(([a], [b]) => compareText(a, b)));
    const errors = Object.fromEntries([...this.results].flatMap(([id, r]) => (r.ok ? [] : [[id, r.error]])));
    if (Object.keys(errors).length > 0) world[ERRORS_KEY] = errors;
    return world;
  }

  /** A collection that is the same for every project is read once for all the inventories sharing `sharedReads`. */
  private readCollection(id: CollectionId): Promise<CollectionResult> {
    if (!this.sharedReads || !COLLECTIONS[id].sameForEveryProject) return this.fetchCollection(id);
    const key = `collection:${id}`;
    let pending = this.sharedReads.get(key) as Promise<CollectionResult> | undefined;
    if (!pending) {
      pending = this.fetchCollection(id);
      this.sharedReads.set(key, pending);
    }
    return pending;
  }

  /**
   * One REST request as every collection makes it: its answer checked (shape, field types, scopes reached), under
   * the concurrency bound, the quota pacer and the retry policy, naming the permission it needs when refused; made
   * once for all the inventories sharing `sharedReads` when it names no project (a folder, the organization).
   */
  private request(route: Route, params: Record<string, string>): Promise<unknown> {
    const key = routeKey(route, params);
    const local = this.source.answerLocally?.(route, params);
    const fetchChecked = async () => {
      // A local answer may itself wait (an organization-wide list read once for every project).
      const answer = local ? await local() : await this.source.fetch(route, params);
      assertResponseShape(route, key, answer);
      assertFieldTypes(route.id, key, answer);
      assertScopesReached(route, key, answer);
      return answer;
    };
    const read = () =>
      local
        ? fetchChecked()
        : this.limit(() =>
            needing(route.permission, () => withQuotaAndRetry(this.pacer, route, params, fetchChecked, this.retry)),
          );
    // One request per key in a project's audit: a probe reading a list a check reads too shares its answer.
    let pending = this.requested.get(key);
    if (!pending) {
      pending = this.readOnce(key, params, read);
      this.requested.set(key, pending);
    }
    return pending;
  }

  /** A request that names no project is made once for all the inventories sharing `sharedReads`. */
  private readOnce(key: string, params: Record<string, string>, read: () => Promise<unknown>): Promise<unknown> {
    if (!this.sharedReads || 'project' in params) return read();
    let pending = this.sharedReads.get(key);
    if (!pending) {
      pending = read();
      this.sharedReads.set(key, pending);
      pending.catch(() => this.sharedReads?.delete(key));
    }
    return pending;
  }

  private load(id: CollectionId): Promise<CollectionResult> {
    let promise = this.pending.get(id);
    if (!promise) {
      promise = this.readCollection(id).then((result) => {
        this.results.set(id, result);
        return result;
      });
      this.pending.set(id, promise);
    }
    return promise;
  }

  private async fetchCollection(id: CollectionId): Promise<CollectionResult> {
    const def = COLLECTIONS[id];
    const recorded = this.source.recordedError?.(id);
    if (recorded) return { ok: false, error: recorded };
    const deps = await Promise.all(def.dependsOn.map((dep) => this.load(dep)));
    const failed = deps.find((d): d is Extract<CollectionResult, { ok: false }> => !d.ok);
    if (failed) return failed;
    if (def.local) {
      const io = {
        source: this.source,
        call: <T>(request: () => Promise<T>) => this.limit(() => withRetry(request, this.retry)),
        fetch: async (route: Route, params: Record<string, string>) => {
          const value = await this.request(route, params);
          this.raw[routeKey(route, params)] = value;
          return value;
        },
        record: (key: string, value: unknown) => {
          this.raw[key] = value;
        },
      };
      try {
        return {
          ok: true,
          value: await def.local(
            this.ctx,
            deps.map((d) => (d as { value: unknown }).value),
            io,
          ),
        };
      } catch (error) {
        const classified = classifyError(error);
        return {
          ok: false,
          error: classified.kind === 'unknown' ? { kind: 'invalid', message: (error as Error).message } : classified,
        };
      }
    }
    const requests = def.requests(
      this.ctx,
      deps.map((d) => (d as { value: unknown }).value),
    );
    try {
      const answers = await Promise.all(
        requests.map(async ({ route, params, absentIsNull }) => {
          const value = await this.request(route, params).catch((error: unknown) => {
            if (absentIsNull && classifyError(error).kind === 'not-found') return null;
            throw error;
          });
          this.raw[routeKey(route, params)] = value;
          return value;
        }),
      );
      return { ok: true, value: def.combine(answers, requests) };
    } catch (error) {
      if (error instanceof IncompleteList || error instanceof EndlessList)
        return { ok: false, error: { kind: 'incomplete', message: error.message } };
      if (error instanceof MalformedResponse)
        return {
          ok: false,
          error: { kind: 'invalid', message: `the API answered in a shape gtp cannot read: ${error.message}` },
        };
      return { ok: false, error: classifyError(error) };
    }
  }
}
