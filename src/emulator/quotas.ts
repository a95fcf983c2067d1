import type { Answer } from './errors.js';

/**
 * Google's per-minute rate quotas, as the emulator enforces them: a count per (API, consumer) that refills at the
 * start of each minute (Compute Engine's "rate quotas" page: a project that reaches the limit at 10:00:15 waits
 * for 10:01:00). A request over the limit is refused in the API's own shape.
 */
export interface QuotaOptions {
  /** Requests per minute, per API host. */
  perMinute: Record<string, number>;
  /** How long a minute lasts here: shorter than 60 s lets a benchmark meet the quotas quickly. */
  minuteMs?: number;
  now?: () => number;
}

/**
 * Compute Engine's rate quotas "apply on a per-project basis" to the project of the resource (a resource-based
 * API); the other APIs charge the quota project the caller names in x-goog-user-project, or the caller's own.
 */
const RESOURCE_BASED = new Set(['compute.googleapis.com']);

/** Whether an API charges the caller's quota project (client-based) rather than the resource's project. */
export function isClientBased(service: string): boolean {
  return !RESOURCE_BASED.has(service);
}

/** The project a client-based API charges when the request names no quota project. */
export const CALLER_PROJECT = 'emulator-caller';

export class QuotaCounter {
  private readonly minuteMs: number;
  private readonly now: () => number;
  private minute = -1;
  private readonly used = new Map<string, number>();
  /** Requests refused for quota, per API. */
  readonly refused: Record<string, number> = {};

  constructor(private readonly options: QuotaOptions) {
    this.minuteMs = options.minuteMs ?? 60_000;
    this.now = options.now ?? (() => Date.now());
  }

  /** Counts the request; the refusal to send when it is over the quota, else undefined. */
  charge(service: string, path: string, userProject: string | undefined): Answer | undefined {
    const limit = this.options.perMinute[service];
    if (limit === undefined) return undefined;
    const minute = Math.floor(this.now() / this.minuteMs);
    if (minute !== this.minute) {
      this.minute = minute;
      this.used.clear();
    }
    const resourceProject = /\/projects\/([^/]+)/.exec(path)?.[1];
    const consumer = `projects/${
      RESOURCE_BASED.has(service) && resourceProject ? resourceProject : (userProject ?? CALLER_PROJECT)
    }`;
    const key = `${service} ${consumer}`;
    const count = (this.used.get(key) ?? 0) + 1;
    this.used.set(key, count);
    if (count <= limit) return undefined;
    this.refused[service] = (this.refused[service] ?? 0) + 1;
    return rateLimitExceeded(service, consumer, limit);
  }
}

/**
 * Compute answers an exhausted rate quota 403 with the legacy reason rateLimitExceeded; the other APIs answer
 * 429 RESOURCE_EXHAUSTED with an ErrorInfo naming the quota and its limit (quota_limit_value).
 */
export function rateLimitExceeded(service: string, consumer: string, limit: number): Answer {
  const message = `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service '${service}' for consumer '${consumer}'.`;
  if (service === 'compute.googleapis.com')
    return [
      403,
      { error: { code: 403, message, errors: [{ message, domain: 'usageLimits', reason: 'rateLimitExceeded' }] } },
    ];
  return [
    429,
    {
      error: {
        code: 429,
        message,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'RATE_LIMIT_EXCEEDED',
            domain: 'googleapis.com',
            metadata: {
              consumer,
              service,
              quota_metric: `${service}/read_requests`,
              quota_limit: 'ReadRequestsPerMinutePerProject',
              quota_limit_value: String(limit),
              quota_location: 'global',
              quota_unit: '1/min/{project}',
            },
          },
        ],
      },
    },
  ];
}
