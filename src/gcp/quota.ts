import { AsyncLocalStorage } from 'node:async_hooks';
import { rateLimitOf } from './errors.js';
import type { Route } from './routes.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { monotonicMs } from '../util/clock.js';
import { compareText } from '../util/text.js';

/**
 * Who a request's rate quota is charged to (Google's "About the quota project"): a resource-based API charges the
 * project that holds the resource read; a client-based one charges the quota project (`x-goog-user-project`, set
 * from GOOGLE_CLOUD_QUOTA_PROJECT), or the caller's own project when none is set.
 */
export type ChargedTo = 'resource-project' | 'quota-project';

export interface QuotaDefault {
  /** Requests per minute Google allows by default. */
  perMinute: number;
  chargedTo: ChargedTo;
  /** Where the figure comes from. */
  source: string;
}

/**
 * The read quotas gtp starts from, per API. Where no default is published, gtp starts at UNPUBLISHED_PER_MINUTE
 * and takes the real limit from the first rate-quota answer (its ErrorInfo names `quota_limit_value`).
 */
export const QUOTA_DEFAULTS: Readonly<Record<string, QuotaDefault>> = {
  'compute.googleapis.com': {
    perMinute: 1_500,
    chargedTo: 'resource-project',
    source: 'Compute Engine rate quotas: read (get and list) requests per minute per project',
  },
  'sqladmin.googleapis.com': {
    perMinute: 500,
    chargedTo: 'quota-project',
    source: 'Cloud SQL Admin API: requests per minute per user and region; x-goog-user-project names the quota project',
  },
  'serviceusage.googleapis.com': {
    perMinute: 240,
    chargedTo: 'quota-project',
    source: 'Service Usage quotas: read-only calls, 240 per minute',
  },
  'cloudasset.googleapis.com': {
    perMinute: 100,
    chargedTo: 'quota-project',
    source: 'Cloud Asset Inventory: ListAssets requests per minute per consumer project',
  },
  'cloudresourcemanager.googleapis.com': {
    perMinute: 1_200,
    chargedTo: 'quota-project',
    source:
      "Resource Manager's ReadRequestsPerMinutePerProject, as its rate-quota answers state it (quota_limit_value 1200)",
  },
};

/** The starting rate for an API whose default read quota gtp has no published figure for. */
export const UNPUBLISHED_PER_MINUTE = 600;

export function quotaDefaultOf(service: string): QuotaDefault {
  return (
    QUOTA_DEFAULTS[service] ?? {
      perMinute: UNPUBLISHED_PER_MINUTE,
      chargedTo: 'quota-project',
      source: 'no published default: learned from the first rate-quota answer',
    }
  );
}

/**
 * At most `perWindow` requests in any window of `windowMs`, whatever the phase of Google's own minute: Google
 * refills a rate quota at the start of each minute, so spending it evenly never crosses a minute boundary with more
 * than the limit. Slots are reserved in call order, one per interval (GCRA); a request may go up to a small burst
 * ahead of its slot, but never sooner than a window after the request `allowed` places before it. That second rule
 * is what bounds every window, so the burst costs no steady rate: a long run spends the quota at its full rate but
 * for the reserve, where a burst folded into the interval would cost its own share of the limit for the whole run.
 */
export class RateWindow {
  private theoretical = 0;
  private interval = 0;
  private tolerance = 0;
  /** How many requests a window may hold: the limit, less the reserve. */
  private allowed = 1;
  /** The last `allowed` reserved send times, oldest first (times only grow: slots are reserved in call order). */
  private recent: number[] = [];
  perWindow = 0;

  constructor(
    perWindow: number,
    private readonly windowMs: number,
    private readonly now: () => number = monotonicMs,
  ) {
    this.setLimit(perWindow);
  }

  setLimit(perWindow: number): void {
    this.perWindow = Math.max(1, Math.floor(perWindow));
    const burst = Math.max(1, Math.floor(this.perWindow / 20));
    // A reserve of 2 % of the limit (at least one slot) leaves room for requests that reach Google closer
    // together than they were reserved (a busy event loop, network jitter) where its minute boundary falls
    // between them.
    const reserve = Math.max(1, Math.ceil(this.perWindow * 0.02));
    this.allowed = Math.max(1, this.perWindow - reserve);
    this.interval = this.windowMs / this.allowed;
    this.tolerance = (burst - 1) * this.interval;
    this.recent = this.recent.slice(-this.allowed);
  }

  /** Reserves the next slot and says how long to wait for it (0: now). */
  reserve(): number {
    const now = this.now();
    const slot = Math.max(this.theoretical, now);
    let at = Math.max(now, slot - this.tolerance);
    if (this.recent.length === this.allowed) at = Math.max(at, this.recent[0]! + this.windowMs);
    this.recent.push(at);
    if (this.recent.length > this.allowed) this.recent.shift();
    this.theoretical = Math.max(slot, at) + this.interval;
    // Slots are sums of fractional intervals: a wait of less than a microsecond is rounding, not a wait.
    return at - now < 1e-3 ? 0 : at - now;
  }
}

export interface ApiCounts {
  calls: number;
  rateLimited: number;
}

export interface QuotaPacerOptions {
  /** GOOGLE_CLOUD_QUOTA_PROJECT: the project client-based APIs charge. */
  quotaProject?: string;
  /** How long a quota minute is: 60,000 ms against Google; shorter against an emulator that scales its minute. */
  windowMs?: number;
  /** Requests per minute per API where the team's quota differs from the default. */
  perMinute?: Record<string, number>;
  now?: () => number;
}

/** What a rate-quota bucket is, in a report. */
export interface QuotaBucketReport {
  service: string;
  chargedTo: string;
  perMinute: number;
  calls: number;
  rateLimited: number;
}

/** The waits inside one collection request (its pages after the first), set by the pacer around the request. */
export const pageBudget = new AsyncLocalStorage<() => Promise<void>>();

/** Waits for a quota slot before a further page of a list, when the request is paced. */
export async function pacePage(): Promise<void> {
  await pageBudget.getStore()?.();
}

interface Bucket {
  service: string;
  chargedTo: string;
  window: RateWindow;
  calls: number;
  rateLimited: number;
}

/**
 * Paces every Google API request by the rate quota it draws from, one bucket per (API, charged project), started
 * from Google's defaults and lowered to what a rate-quota answer says the limit is. Also counts calls and
 * rate-quota answers per API for the report.
 */
export class QuotaPacer {
  private readonly buckets = new Map<string, Bucket>();
  readonly windowMs: number;

  constructor(private readonly options: QuotaPacerOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
  }

  private bucket(route: Route, params: Record<string, string>): Bucket {
    const quota = quotaDefaultOf(route.host);
    const chargedTo =
      quota.chargedTo === 'resource-project' && params.project
        ? `projects/${params.project}`
        : this.options.quotaProject
          ? `projects/${this.options.quotaProject}`
          : 'the caller';
    const key = `${route.host} ${chargedTo}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const perMinute = this.options.perMinute?.[route.host] ?? quota.perMinute;
      bucket = {
        service: route.host,
        chargedTo,
        window: new RateWindow(perMinute, this.windowMs, this.options.now),
        calls: 0,
        rateLimited: 0,
      };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Waits for the request's slot. */
  async acquire(route: Route, params: Record<string, string>): Promise<void> {
    const bucket = this.bucket(route, params);
    bucket.calls++;
    const wait = bucket.window.reserve();
    if (wait > 0) await sleep(wait);
  }

  /** Runs one request attempt with its further pages paced from the same bucket. */
  run<T>(route: Route, params: Record<string, string>, request: () => Promise<T>): Promise<T> {
    return pageBudget.run(() => this.acquire(route, params), request);
  }

  /**
   * Learns from a failed attempt: a rate-quota answer lowers the bucket to the limit it names (or by a third when
   * it names none), so the retries and every later request fit the real quota.
   */
  learn(route: Route, params: Record<string, string>, error: unknown): void {
    const limit = rateLimitOf(error);
    if (!limit) return;
    const bucket = this.bucket(route, params);
    bucket.rateLimited++;
    const perMinute =
      limit.limit !== undefined && (limit.unit === undefined || /\/min\//.test(limit.unit))
        ? limit.limit
        : Math.floor((bucket.window.perWindow * 2) / 3);
    if (perMinute < bucket.window.perWindow) bucket.window.setLimit(perMinute);
  }

  /** The hooks withRetry takes: a slot before each attempt (outside its timeout), learning after each failure. */
  hooks(route: Route, params: Record<string, string>) {
    return {
      beforeAttempt: () => this.acquire(route, params),
      afterFailure: (error: unknown) => this.learn(route, params, error),
    };
  }

  /**
   * The buckets, for a report: a resource-based API's buckets (one per project read) are summed into one line
   * ("each project read"), at the lowest rate any of them was paced to.
   */
  report(): QuotaBucketReport[] {
    const lines = new Map<string, QuotaBucketReport>();
    for (const b of this.buckets.values()) {
      const perProject =
        quotaDefaultOf(b.service).chargedTo === 'resource-project' && b.chargedTo.startsWith('projects/');
      const chargedTo = perProject ? 'each project read' : b.chargedTo;
      const key = `${b.service} ${chargedTo}`;
      const line = lines.get(key);
      if (!line)
        lines.set(key, {
          service: b.service,
          chargedTo,
          perMinute: b.window.perWindow,
          calls: b.calls,
          rateLimited: b.rateLimited,
        });
      else {
        line.perMinute = Math.min(line.perMinute, b.window.perWindow);
        line.calls += b.calls;
        line.rateLimited += b.rateLimited;
      }
    }
    return [...lines.values()].sort(
      (a, b) => compareText(a.service, b.service) || compareText(a.chargedTo, b.chargedTo),
    );
  }

  /** Calls and rate-quota answers per API, over all buckets. */
  perApi(): Record<string, ApiCounts> {
    const out: Record<string, ApiCounts> = {};
    for (const b of this.buckets.values()) {
      const counts = (out[b.service] ??= { calls: 0, rateLimited: 0 });
      counts.calls += b.calls;
      counts.rateLimited += b.rateLimited;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => compareText(a, b)));
  }

  /**
   * The quota floor of the calls made so far: the largest, over buckets, of calls ÷ rate. A long run cannot go
   * faster without exceeding a quota, so measured time ÷ this floor says how close to the quotas gtp paces (a short
   * one can, on the quota's first minute).
   */
  floorMs(): number {
    let floor = 0;
    for (const b of this.buckets.values()) floor = Math.max(floor, (b.calls / b.window.perWindow) * this.windowMs);
    return floor;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One request with retries, each attempt waiting for its quota slot first (outside the attempt's timeout) and
 * pacing its further pages; without a pacer, the retries alone.
 */
export function withQuotaAndRetry<T>(
  pacer: QuotaPacer | undefined,
  route: Route,
  params: Record<string, string>,
  request: () => Promise<T>,
  policy: RetryPolicy,
): Promise<T> {
  if (!pacer) return withRetry(request, policy);
  return withRetry(() => pacer.run(route, params, request), policy, Math.random, pacer.hooks(route, params));
}
