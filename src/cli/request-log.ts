import dc from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { monotonicMs } from '../util/clock.js';
import { visible } from '../util/text.js';

/**
 * `--verbose` / `GTP_DEBUG`: one line on stderr per HTTP request any library makes (the Google clients, the
 * metadata server, the clusters' APIs), from Node's own diagnostics channels, so that no client is missed:
 * method, URL, status and time. A retried request shows as one line per attempt. Only the request line is read:
 * never a header (where tokens travel) or a body, and query values that name a key, token, secret, password or
 * signature are replaced.
 */
export function logRequests(write: (line: string) => void = (line) => process.stderr.write(line)): void {
  const started = new WeakMap<object, number>();
  const line = (method: string, url: string, outcome: string, since: number | undefined) =>
    write(
      `gtp: ${visible(method)} ${visible(redact(url))} ${visible(outcome)}${since === undefined ? '' : ` ${Math.round(monotonicMs() - since)} ms`}\n`,
    );

  // fetch (undici): what gaxios and the auth library use where Node provides fetch.
  type UndiciRequest = { method: string; origin: string; path: string };
  dc.subscribe('undici:request:create', (message) => {
    started.set((message as { request: object }).request, monotonicMs());
  });
  dc.subscribe('undici:request:headers', (message) => {
    const { request, response } = message as { request: UndiciRequest; response: { statusCode: number } };
    line(request.method, `${request.origin}${request.path}`, String(response.statusCode), started.get(request));
  });
  dc.subscribe('undici:request:error', (message) => {
    const { request, error } = message as { request: UndiciRequest; error: Error };
    line(request.method, `${request.origin}${request.path}`, `failed: ${error.message}`, started.get(request));
  });

  // node:http and node:https: node-fetch (older gaxios) and the clusters' API.
  const urlOf = (request: ClientRequest) => {
    const host = request.getHeader('host');
    return `${request.protocol}//${typeof host === 'string' ? host : request.host}${request.path}`;
  };
  dc.subscribe('http.client.request.start', (message) => {
    started.set((message as { request: object }).request, monotonicMs());
  });
  dc.subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    line(request.method, urlOf(request), String(response.statusCode), started.get(request));
  });
  dc.subscribe('http.client.request.error', (message) => {
    const { request, error } = message as { request: ClientRequest; error: Error };
    line(request.method, urlOf(request), `failed: ${error.message}`, started.get(request));
  });
}

/** Query parameters whose values are credentials ("key=", "access_token=", "X-Goog-Signature=" …). */
const SECRET_PARAMETER = /(key|token|secret|password|passwd|signature|sig|credential|auth)/i;

/** The URL with any user information and every credential-like query value replaced. */
export function redact(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\?.*$/, '?…');
  }
  parsed.username = '';
  parsed.password = '';
  for (const name of [...parsed.searchParams.keys()])
    if (SECRET_PARAMETER.test(name)) parsed.searchParams.set(name, 'REDACTED');
  return parsed.toString();
}
