import { parseDuration } from '../util/duration.js';
import { InputError } from '../util/errors.js';

/** Options every official client is created with. */
export interface ClientOptions {
  [option: string]: string | number | boolean | object | undefined;
  apiEndpoint?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** REST transport for every library: the same wire format against Google and against the emulator. */
  fallback: true;
  /** How long one HTTP request may take before the library cancels it (GTP_REQUEST_TIMEOUT, default 30s). */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** GTP_REQUEST_TIMEOUT=45s: how long one request may go unanswered before it is cancelled and retried. */
function requestTimeoutOf(env: NodeJS.ProcessEnv): number {
  const text = env.GTP_REQUEST_TIMEOUT;
  if (text === undefined || text === '') return DEFAULT_REQUEST_TIMEOUT_MS;
  const value = parseDuration(text);
  if (value === undefined)
    throw new InputError(`GTP_REQUEST_TIMEOUT must be a duration such as 30s or 500ms, got "${text.slice(0, 40)}"`);
  return value;
}

/**
 * GTP_API_ENDPOINT=http://HOST:PORT sends every client to one endpoint (the emulator). Auth is unchanged:
 * Application Default Credentials, which the emulator satisfies as a GCE metadata server.
 */
export function clientOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ClientOptions {
  const endpoint = env.GTP_API_ENDPOINT;
  const requestTimeoutMs = requestTimeoutOf(env);
  if (!endpoint) return { fallback: true, requestTimeoutMs };
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InputError(`GTP_API_ENDPOINT must be a URL such as http://127.0.0.1:8085, got "${endpoint}"`);
  }
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  return { apiEndpoint: url.hostname, port, protocol, fallback: true, requestTimeoutMs };
}
