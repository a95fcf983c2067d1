import { WRONG_WRAPPER_TYPE } from './strict-wrappers.js';

/** Why a collection could not be read. An error is never a pass: checks turn it into an `error` outcome. */
export type CollectionErrorKind =
  | 'no-credentials'
  /** Google refused the credentials themselves: a refresh token expired or revoked, or reauthentication required. */
  | 'credentials-rejected'
  /** A user credential without a quota project, which a client-based API requires. */
  | 'quota-project'
  | 'permission-denied'
  | 'api-disabled'
  | 'not-found'
  | 'unavailable'
  | 'timeout'
  | 'invalid'
  /** The API answered, but said its list may be missing regions or zones it could not reach. */
  | 'incomplete'
  | 'unknown';

export interface CollectionError {
  kind: CollectionErrorKind;
  message: string;
  /** The IAM permission that is missing: the one Google names, or else the one the refused call needs. */
  permission?: string;
  /** 'call' when Google's answer named no permission (Cloud SQL's notAuthorized) and it is the call's own. */
  permissionFrom?: 'google' | 'call';
  /** The API (service name) that is disabled, when that is the cause. */
  api?: string;
  /** HTTP status or gRPC code name, for the record. */
  status?: string;
}

/** gRPC status codes that gax reports on REST errors too. */
const CODE_NAMES: Record<number, string> = {
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  15: 'DATA_LOSS',
  16: 'UNAUTHENTICATED',
};

const RETRYABLE_CODES = new Set(['UNAVAILABLE', 'RESOURCE_EXHAUSTED', 'INTERNAL', 'DEADLINE_EXCEEDED', 'ABORTED']);
const RETRYABLE_HTTP = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

interface ErrorLike {
  code?: number | string;
  status?: number | string;
  message?: string;
  reason?: string;
  errorInfoMetadata?: Record<string, string>;
  /** The legacy errors[].reason that Compute, Cloud Storage and Cloud SQL send (e.g. rateLimitExceeded). */
  legacyReason?: string;
  cause?: unknown;
  type?: string;
}

function statusName(error: ErrorLike): string | undefined {
  if (typeof error.code === 'number' && CODE_NAMES[error.code]) return CODE_NAMES[error.code];
  // HTTP statuses (the Storage library, gaxios) rather than gRPC codes.
  if (typeof error.code === 'number' && error.code >= 100) return String(error.code);
  if (typeof error.code === 'string' && /^[A-Z_]+$/.test(error.code) && !error.code.startsWith('E')) return error.code;
  if (typeof error.status === 'number') return String(error.status);
  return undefined;
}

/** The error and the causes it wraps (libraries nest the network error a few levels down), at most five. */
function* causesOf(error: unknown): Generator<ErrorLike & { name?: unknown }> {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    yield current as ErrorLike;
    current = (current as ErrorLike).cause;
  }
}

function networkCode(error: unknown): string | undefined {
  for (const { code, type } of causesOf(error)) {
    if (typeof code === 'string' && RETRYABLE_NETWORK.has(code)) return code;
    if (type === 'system' && typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * A request cancelled at the request timeout (clients.ts): node-fetch rejects with an AbortError, an AbortSignal's
 * timeout with a TimeoutError, possibly as the cause of the library's own error.
 */
function timedOut(error: unknown): boolean {
  for (const { name } of causesOf(error)) if (name === 'AbortError' || name === 'TimeoutError') return true;
  return false;
}

/**
 * Compute Engine and Cloud Storage answer an exhausted rate quota 403 with the legacy reason rateLimitExceeded
 * (Compute's "rate quotas" page); the other APIs 429 RESOURCE_EXHAUSTED with ErrorInfo RATE_LIMIT_EXCEEDED.
 */
const LEGACY_RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

export interface RateLimit {
  /** The quota's limit as Google names it in ErrorInfo (quota_limit_value), per its unit, when it says. */
  limit?: number;
  /** e.g. `1/min/{project}` */
  unit?: string;
  /** The quota limit's name, e.g. ReadRequestsPerMinutePerProject. */
  limitName?: string;
}

/** What a rate-quota answer says about the quota, or undefined when the error is not one. */
/** Google's words for a rate quota refused (per minute, per 100 seconds, per second): never a permission. */
const RATE_QUOTA_SENTENCE =
  /Quota exceeded for quota metric '[^']*' and limit '[^']* per (minute|100 seconds|second)\b/i;

export function rateLimitOf(error: unknown): RateLimit | undefined {
  const own = error instanceof Error ? { message: error.message } : {};
  const e = { ...((error ?? {}) as ErrorLike), ...own, ...googleErrorBody(error) };
  const status = statusName(e);
  // Cloud Storage's ApiError carries the legacy list itself.
  const legacy = e.legacyReason ?? (error as { errors?: { reason?: unknown }[] } | undefined)?.errors?.[0]?.reason;
  const limited =
    status === 'RESOURCE_EXHAUSTED' ||
    status === '429' ||
    e.reason === 'RATE_LIMIT_EXCEEDED' ||
    (typeof legacy === 'string' && LEGACY_RATE_LIMIT_REASONS.has(legacy)) ||
    // Compute's 403 rateLimitExceeded through gax's REST transport keeps neither the reason nor the body, only
    // Google's sentence: "Quota exceeded for quota metric '…' and limit '… per minute' of service '…'".
    RATE_QUOTA_SENTENCE.test(e.message ?? '');
  if (!limited) return undefined;
  const metadata = e.errorInfoMetadata ?? {};
  const limit = Number(metadata.quota_limit_value);
  return {
    ...(metadata.quota_limit_value !== undefined && Number.isFinite(limit) && limit >= 0 ? { limit } : {}),
    ...(metadata.quota_unit ? { unit: metadata.quota_unit } : {}),
    ...(metadata.quota_limit ? { limitName: metadata.quota_limit } : {}),
  };
}

/**
 * The request never got an answer: the connection failed, was closed unanswered, or timed out. An answer, even a
 * proxy's error page, is not this: asking again is asked of the same gateway.
 */
export function isUnanswered(error: unknown): boolean {
  return error instanceof TimeoutError || networkCode(error) !== undefined || timedOut(error);
}

export function isRetryable(error: unknown): boolean {
  if (WRONG_WRAPPER_TYPE.test(String((error as Error | undefined)?.message ?? ''))) return false;
  if (networkCode(error) || timedOut(error)) return true;
  if (rateLimitOf(error)) return true;
  const e = error as ErrorLike;
  const name = statusName(e);
  if (name && RETRYABLE_CODES.has(name)) return true;
  const http =
    typeof e.status === 'number' ? e.status : typeof e.code === 'number' && e.code >= 400 ? e.code : undefined;
  return http !== undefined && RETRYABLE_HTTP.has(http);
}

/** Turns whatever a client library threw into a CollectionError that names the cause. */
export function classifyError(error: unknown): CollectionError {
  if (error instanceof TimeoutError) return { kind: 'timeout', message: error.message, status: 'DEADLINE_EXCEEDED' };
  if (timedOut(error))
    return { kind: 'timeout', message: 'the request went unanswered and was cancelled', status: 'DEADLINE_EXCEEDED' };
  // An Error's own message is not enumerable, so the spread leaves it behind: it is taken explicitly.
  const own = error instanceof Error ? { message: error.message } : {};
  const e = { ...((error ?? {}) as ErrorLike), ...own, ...googleErrorBody(error) };
  const message = firstLine(e.message ?? String(error));
  // A value of the wrong type, refused as the client decoded it (strict-wrappers.ts): the answer is unreadable.
  const wrongType = WRONG_WRAPPER_TYPE.exec(message);
  if (wrongType) return { kind: 'invalid', message: `the API answered in a shape gtp cannot read: ${wrongType[0]}` };
  if (
    /Could not load the default credentials|Could not refresh access token|Unable to detect a Project Id/i.test(message)
  ) {
    return { kind: 'no-credentials', message };
  }
  const status = statusName(e);
  const metadata = e.errorInfoMetadata ?? {};
  // A web page where Google's JSON belongs: a proxy, a captive portal or a firewall answered instead of Google.
  // Its markup is never repeated; its title says whose page it was.
  if (/^\s*<(!doctype|html|head|body)\b/i.test(message) || /^\s*<(!doctype|html)\b/i.test(htmlBodyOf(error) ?? '')) {
    const page = /^\s*</.test(message) ? message : (htmlBodyOf(error) ?? '');
    const title = /<title>([^<]{0,120})<\/title>/i.exec(page)?.[1]?.trim();
    return {
      kind: 'unavailable',
      message: `a web page answered instead of Google's API${title ? ` ("${title}")` : ''}: a proxy, firewall or captive portal is in the way`,
      status: 'HTML',
    };
  }
  // An OAuth refresh refused: the token endpoint answers 400 invalid_grant (revoked or expired; invalid_rapt when a
  // session policy wants reauthentication). No permission or API is at fault, and retrying changes nothing.
  // The library keeps the token endpoint's answer; a wrapper that kept only the message still names the error.
  const oauth = oauthErrorOf(error);
  if (oauth && /^invalid_grant$|^invalid_rapt$/.test(oauth.error))
    return { kind: 'credentials-rejected', message: [oauth.error, oauth.description].filter(Boolean).join(': ') };
  if (!oauth && /\binvalid_(grant|rapt)\b/.test(message)) return { kind: 'credentials-rejected', message };
  // Before "API disabled": Google sends this answer with reason SERVICE_DISABLED, naming its own OAuth client's
  // project as the consumer, so enabling the API in the audited project would change nothing.
  if (/requires a quota project/i.test(message) || e.reason === 'USER_PROJECT_DENIED') {
    const api = metadata.service ?? /([a-z0-9-]+\.googleapis\.com)/.exec(message)?.[1];
    return { kind: 'quota-project', message, status: status ?? '403', ...(api ? { api } : {}) };
  }
  // A rate quota is not a permission, even when Compute answers it 403: it is worth waiting for.
  if (rateLimitOf(error))
    return { kind: 'unavailable', message: `rate quota exhausted: ${message}`, status: status ?? '429' };
  if (
    e.reason === 'SERVICE_DISABLED' ||
    e.reason === 'API_DISABLED' ||
    /has not been used in project|is disabled/i.test(message)
  ) {
    const api = metadata.service ?? /([a-z0-9-]+\.googleapis\.com)/.exec(message)?.[1];
    return { kind: 'api-disabled', message, status: status ?? '403', ...(api ? { api } : {}) };
  }
  if (status === 'PERMISSION_DENIED' || status === '403' || status === 'UNAUTHENTICATED' || status === '401') {
    const named =
      metadata.permission ??
      /permission[s]? '?([a-z]+\.[a-zA-Z.]+)'?/i.exec(message)?.[1] ??
      /Required '([a-z]+\.[a-zA-Z.]+)' permission/.exec(message)?.[1];
    if (named) return { kind: 'permission-denied', message, status, permission: named, permissionFrom: 'google' };
    const needed = permissionOfCall(error);
    return {
      kind: 'permission-denied',
      message,
      status,
      ...(needed ? { permission: needed, permissionFrom: 'call' as const } : {}),
    };
  }
  if (status === 'NOT_FOUND' || status === '404') return { kind: 'not-found', message, status };
  if (status === 'INVALID_ARGUMENT' || status === '400') return { kind: 'invalid', message, status };
  if (status === 'DEADLINE_EXCEEDED') return { kind: 'timeout', message, status };
  const network = networkCode(error);
  if (network || (status && RETRYABLE_CODES.has(status)))
    return { kind: 'unavailable', message, status: status ?? network! };
  return { kind: 'unknown', message, ...(status ? { status } : {}) };
}

/** The body of an answer that was a web page, wherever the library kept it. */
function htmlBodyOf(error: unknown): string | undefined {
  for (const cause of causesOf(error)) {
    const data = (cause as { response?: { data?: unknown } }).response?.data;
    if (typeof data === 'string') return data.slice(0, 2000);
  }
  return undefined;
}

/** The OAuth error a token endpoint answered (RFC 6749 section 5.2), wherever the library put it. */
function oauthErrorOf(error: unknown): { error: string; description?: string } | undefined {
  for (const cause of causesOf(error)) {
    const data = (cause as { response?: { data?: unknown } }).response?.data;
    if (data && typeof data === 'object' && typeof (data as { error?: unknown }).error === 'string') {
      const { error: code, error_description: description } = data as { error: string; error_description?: unknown };
      return { error: code, ...(typeof description === 'string' ? { description } : {}) };
    }
  }
  return undefined;
}

/** What a library's error means, in one line: classifyError, then described. */
export function describeError(error: unknown): string {
  return describeCollectionError(classifyError(error));
}

export function describeCollectionError(error: CollectionError): string {
  switch (error.kind) {
    case 'no-credentials':
      return 'no Google credentials: run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS';
    case 'credentials-rejected':
      return `Google refused the credentials (${firstLine(error.message)}): run \`gcloud auth application-default login\` again`;
    case 'quota-project':
      return `no quota project: user credentials need one for ${error.api ?? 'this API'} (\`gcloud auth application-default set-quota-project PROJECT\`, or set GOOGLE_CLOUD_QUOTA_PROJECT)`;
    case 'permission-denied':
      if (!error.permission) return `permission denied: ${error.message}`;
      return error.permissionFrom === 'call'
        ? `permission denied: missing ${error.permission} (the permission this call needs; Google's answer named none: ${firstLine(error.message)})`
        : `permission denied: missing ${error.permission}`;
    case 'api-disabled':
      return error.api
        ? `API disabled: ${error.api} is not enabled in the project (gcloud services enable ${error.api})`
        : `API disabled: ${error.message}`;
    case 'timeout':
      return `timed out: ${error.message}`;
    case 'unavailable':
      return `unavailable after retries: ${error.message}`;
    default:
      return error.message;
  }
}

const CALL_PERMISSION = Symbol('the IAM permission the call needs');

/**
 * Runs a call and, should it fail, marks the error with the permission the call needs: some APIs refuse without
 * naming it (Cloud SQL answers 403 notAuthorized), and the diagnosis must still say what to grant.
 */
export async function needing<T>(permission: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error !== null && typeof error === 'object' && !(CALL_PERMISSION in error))
      Object.defineProperty(error, CALL_PERMISSION, { value: permission });
    throw error;
  }
}

function permissionOfCall(error: unknown): string | undefined {
  return error !== null && typeof error === 'object'
    ? ((error as Record<symbol, unknown>)[CALL_PERMISSION] as string | undefined)
    : undefined;
}

export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/**
 * The REST transport can surface Google's JSON error body as the error message, unparsed; read the status and
 * the ErrorInfo (reason, missing permission, disabled service) from it.
 */
function googleErrorBody(error: unknown): Partial<ErrorLike> {
  // Where libraries put the body: gax's REST transport in the message, gaxios in response.data, Storage in
  // response.body or errors[].
  const e = error as { message?: unknown; body?: unknown; response?: { data?: unknown; body?: unknown } } | undefined;
  const kubernetes = parseKubernetesStatus(e?.body);
  if (kubernetes) return kubernetes;
  const candidates = [e?.response?.data, e?.response?.body, e?.message];
  for (const candidate of candidates) {
    const parsed = parseGoogleError(candidate);
    if (parsed) return parsed;
  }
  return {};
}

/** The Kubernetes client's ApiException carries the API server's Status as its body. */
function parseKubernetesStatus(body: unknown): Partial<ErrorLike> | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const status = value as { kind?: string; message?: string; code?: number } | undefined;
  if (status?.kind !== 'Status') return undefined;
  const permission = /requires one of \["([a-z]+\.[a-zA-Z.]+)"/.exec(status.message ?? '')?.[1];
  return {
    ...(status.message ? { message: status.message } : {}),
    ...(status.code ? { code: status.code } : {}),
    ...(permission ? { errorInfoMetadata: { permission } } : {}),
  };
}

function parseGoogleError(candidate: unknown): Partial<ErrorLike> | undefined {
  let value = candidate;
  if (typeof value === 'string') {
    if (!value.trimStart().startsWith('{')) return undefined;
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value === null || typeof value !== 'object' || !('error' in value)) return undefined;
  const body = value as {
    error?: {
      code?: number;
      message?: string;
      status?: string;
      details?: { '@type'?: string; reason?: string; metadata?: Record<string, string> }[];
      errors?: { reason?: string }[];
    };
  };
  const legacyReason = body.error?.errors?.[0]?.reason;
  const info = body.error?.details?.find((d) => d['@type']?.endsWith('google.rpc.ErrorInfo'));
  return {
    ...(body.error?.message ? { message: body.error.message } : {}),
    ...(body.error?.status ? { code: body.error.status } : {}),
    ...(info?.reason ? { reason: info.reason } : {}),
    ...(info?.metadata ? { errorInfoMetadata: info.metadata } : {}),
    ...(typeof legacyReason === 'string' ? { legacyReason } : {}),
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/^\d+ [A-Z_]+: /, '');
}
