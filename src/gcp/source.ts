import type { CollectionId } from './collection-id.js';
import type { CollectionError } from './errors.js';
import { kubernetesKey, type KubernetesTarget } from './kubernetes.js';
import type { Route } from './routes.js';
import { answerFromWorld, type World } from './world.js';
import { assertWhole, partialFields } from './incomplete.js';
import { routeKey } from './routes.js';
import { snapshotErrors } from './world-file.js';

/** Where raw API data comes from: the live APIs or a saved snapshot. Either answers in the world format. */
export interface RestSource {
  readonly kind: 'live' | 'snapshot';
  fetch(route: Route, params: Record<string, string>): Promise<unknown>;
  close?(): Promise<void>;
  /** A failure recorded for a whole collection (a snapshot remembers what it could not read). */
  recordedError?(id: CollectionId): CollectionError | undefined;
  /** A list from a cluster's Kubernetes API; null when the API has no such resource (not installed). */
  kubernetes(target: KubernetesTarget, path: string): Promise<unknown>;
  /** How long one request may take before the client cancels it; undefined when nothing goes over the network. */
  readonly requestTimeoutMs?: number;
  /**
   * A request this source answers without a call of the project's own (Asset Inventory's listing, SCC's
   * organization-wide list): its answer, or a promise of it, taking no quota slot of the project's; undefined when
   * the request goes over the network.
   */
  answerLocally?(route: Route, params: Record<string, string>): (() => unknown) | undefined;
  /** An organization audit is done with this project: what the source holds for it may go. */
  forget?(projectId: string): void;
  /**
   * A list handed over a page at a time, where the source can: each attempt (a retry starts the list again) calls
   * `begin` for the function its pages go to, so that what an abandoned attempt handed over can be dropped.
   */
  fetchEach?(route: Route, params: Record<string, string>, begin: PageSink): Promise<void>;
}

/** Where a list's pages go, for one attempt at reading it (RestSource.fetchEach). */
export type PageSink = () => (items: readonly unknown[]) => void | Promise<void>;

/**
 * A PageSink whose every attempt files into state of its own. A retry abandons an attempt that took too long, but
 * cannot stop it: its pages may still come. They must never land in the attempt that replaced it (they would be
 * filed twice), so an abandoned attempt's sink refuses them, which also ends its paging. `current()` is the state
 * of the latest attempt: the one whose list completed, when the read succeeded.
 */
export function attemptsOf<S>(
  fresh: () => S,
  file: (state: S, items: readonly unknown[]) => void | Promise<void>,
): { begin: PageSink; current(): S } {
  let latest = fresh();
  let attempt = 0;
  return {
    begin: () => {
      const mine = ++attempt;
      const state = (latest = fresh());
      return (items) => {
        if (mine !== attempt) throw new AbandonedAttempt();
        return file(state, items);
      };
    },
    current: () => latest,
  };
}

/** A page of an attempt a retry has replaced: refused, which ends that attempt's paging. */
export class AbandonedAttempt extends Error {
  constructor() {
    super('a retry replaced this attempt at the list');
  }
}

/**
 * A list read whole, handed over as its one page: where a source cannot page, or a caller is given no pager. An
 * answer that is not a list is an error, never an empty list.
 */
export async function handOverWhole(list: Promise<unknown>, what: string, begin: PageSink): Promise<void> {
  const items = await list;
  if (!Array.isArray(items)) throw new Error(`${what}: the list is not a list`);
  await begin()(items);
}

/**
 * A list handed over a page at a time where the reader can page (fetchEach), else whole as its one page. A list of
 * Asset Inventory is named by its asset type in the error of an answer that is not a list.
 */
export function eachPageOf(
  reader: Pick<RestSource, 'fetch' | 'fetchEach'>,
  route: Route,
  params: Record<string, string>,
  begin: PageSink,
): Promise<void> {
  return reader.fetchEach
    ? reader.fetchEach(route, params, begin)
    : handOverWhole(reader.fetch(route, params), params.assetType ?? route.id, begin);
}

/**
 * A source in front of another: what it does not answer itself goes to the source behind it. Cloud Asset
 * Inventory and SCC's organization-wide lists stand in front of the live APIs this way.
 */
export abstract class SourceInFront implements RestSource {
  readonly kind = 'live';

  constructor(protected readonly api: RestSource) {}

  get requestTimeoutMs(): number | undefined {
    return this.api.requestTimeoutMs;
  }

  answerLocally(route: Route, params: Record<string, string>): (() => unknown) | undefined {
    return this.api.answerLocally?.(route, params);
  }

  fetch(route: Route, params: Record<string, string>): Promise<unknown> {
    const local = this.answerLocally(route, params);
    return local ? Promise.resolve().then(local) : this.api.fetch(route, params);
  }

  recordedError(id: CollectionId): CollectionError | undefined {
    return this.api.recordedError?.(id);
  }

  kubernetes(target: KubernetesTarget, path: string): Promise<unknown> {
    return this.api.kubernetes(target, path);
  }

  /** Page by page from the source behind, unless this one answers the list itself. */
  fetchEach(route: Route, params: Record<string, string>, begin: PageSink): Promise<void> {
    if (this.api.fetchEach && !this.answerLocally(route, params)) return this.api.fetchEach(route, params, begin);
    return handOverWhole(this.fetch(route, params), route.id, begin);
  }

  forget(projectId: string): void {
    this.api.forget?.(projectId);
  }

  async close(): Promise<void> {
    await this.api.close?.();
  }
}

/** Answers from a snapshot file, offline, exactly as the emulator would answer from the same document. */
export class SnapshotSource implements RestSource {
  readonly kind = 'snapshot';

  constructor(private readonly world: World) {}

  recordedError(id: CollectionId): CollectionError | undefined {
    return snapshotErrors(this.world)[id];
  }

  async kubernetes(target: KubernetesTarget, path: string): Promise<unknown> {
    const value = this.world[kubernetesKey(target.endpoint, path)];
    return value === undefined ? null : value;
  }

  async fetch(route: Route, params: Record<string, string>): Promise<unknown> {
    const answer = answerFromWorld(this.world, route, params);
    if (answer.status === 'found') {
      const key = routeKey(route, params);
      assertWhole(key, partialFields(this.world, key));
      return answer.value;
    }
    throw Object.assign(new Error(`${answer.key} is not in the snapshot`), { code: 5 });
  }
}

/** What a collection that reads for itself (the Kubernetes API, the repository) may use. */
export interface LocalIo {
  source: RestSource;
  /** Runs a request with the inventory's retries and concurrency bound. */
  call<T>(request: () => Promise<T>): Promise<T>;
  /**
   * A REST request made as the inventory makes its own (checked, paced, retried, recorded), once per organization
   * audit where it names no project: the folders and the organization above many projects.
   */
  fetch(route: Route, params: Record<string, string>): Promise<unknown>;
  record(key: string, value: unknown): void;
}
