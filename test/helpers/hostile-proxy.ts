import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to the answers of matching requests; everything else passes through untouched. */
export type Misbehaviour = 'endless-pages' | 'null-body' | 'not-json' | 'wrong-items' | 'hang' | 'hang-up-first';

/**
 * How many matching requests 'hang-up-first' closes unanswered before it lets the rest through: more than one
 * token fetch of Google's metadata client tries (four), fewer than two.
 */
export const HANG_UPS = 6;

/** A request the proxy never answered ('hang'), and how long the client kept it open before giving up on it. */
export interface HungRequest {
  openedAt: number;
  closedAfterMs?: number;
}

/**
 * An HTTP proxy in front of the emulator that lies for the paths it is told: the same next page token forever, a
 * 200 whose body is `null` or not JSON, or list items of the wrong type. The official clients read through it
 * exactly as they would read a broken or compromised endpoint. 'hang' accepts the request and never answers, and
 * records when the client closed the connection: a client that stops waiting without cancelling leaves it open.
 * 'hang-up-first' closes the connection of the first HANG_UPS matching requests without an answer (the client sees
 * "socket hang up", as from a metadata server too busy to answer) and passes the rest through.
 */
export async function startHostileProxy(
  target: string,
  paths: RegExp,
  misbehaviour: Misbehaviour,
): Promise<{ url: string; requests: () => number; hung: () => HungRequest[]; close(): Promise<void> }> {
  let matched = 0;
  const hung: HungRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    if (misbehaviour === 'hang' && paths.test(url.pathname)) {
      const entry: HungRequest = { openedAt: performance.now() };
      hung.push(entry);
      req.socket.once('close', () => (entry.closedAfterMs = performance.now() - entry.openedAt));
      return;
    }
    if (misbehaviour === 'hang-up-first' && paths.test(url.pathname) && matched < HANG_UPS) {
      matched += 1;
      req.socket.destroy();
      return;
    }
    // Endless pages: whatever token the client sends back, the first page is served again, with a token again.
    if (misbehaviour === 'endless-pages' && paths.test(url.pathname)) url.searchParams.delete('pageToken');
    const upstream = request(
      url,
      { method: req.method, headers: { ...req.headers, host: url.host, 'accept-encoding': 'identity' } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          let body = Buffer.concat(chunks).toString('utf8');
          if (misbehaviour !== 'hang-up-first' && paths.test(url.pathname) && answer.statusCode === 200) {
            matched += 1;
            const json = JSON.parse(body) as Record<string, unknown>;
            const listField = Object.keys(json).find((k) => Array.isArray(json[k]));
            if (misbehaviour === 'endless-pages') body = JSON.stringify({ ...json, nextPageToken: 'page-again' });
            else if (misbehaviour === 'null-body') body = 'null';
            else if (misbehaviour === 'not-json') body = '<html><body>Service Unavailable</body></html>';
            else body = JSON.stringify({ ...json, [listField ?? 'items']: [1, 'two', null] });
          }
          const headers = { ...answer.headers };
          delete headers['content-length'];
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => matched,
    hung: () => hung,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
