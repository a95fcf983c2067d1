import { requestDeadline } from './call-timeout.js';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseKubernetesPath } from './kubernetes.js';
import { TimeoutError } from './errors.js';

/** Where a cluster's API server is, and how to trust it. */
export interface KubernetesServer {
  /** https://ENDPOINT against GKE; the emulator's http://HOST:PORT/k8s/ENDPOINT under the tests and the demo. */
  base: string;
  /** The cluster's CA (GKE's masterAuth.clusterCaCertificate: base64 of PEM); absent, the system's CAs. */
  caCertificate?: string;
  /** A Google OAuth access token: GKE authenticates the caller's Google identity with it. */
  token: string;
  timeoutMs: number;
}

/**
 * The URL of a list gtp reads. Its segments are encoded: a constraint kind's plural comes from the cluster itself
 * and must stay one path segment whatever it holds.
 */
function listUrl(base: string, path: string): URL {
  const request = parseKubernetesPath(path);
  const segment = encodeURIComponent;
  const relative =
    request.kind === 'deployments'
      ? `/apis/apps/v1/namespaces/${segment(request.namespace)}/deployments`
      : `/apis/${segment(request.group)}/${segment(request.version)}/${segment(request.plural)}`;
  return new URL(base.replace(/\/+$/, '') + relative);
}

/** An answer other than 200 or 404: the body is the API server's Status, which errors.ts reads. */
export class KubernetesHttpError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(`the Kubernetes API answered HTTP ${code}`);
    this.name = 'KubernetesHttpError';
  }
}

/**
 * Lists one resource type, as `kubectl get --raw PATH` would: a GET with the bearer token, the server's certificate
 * verified against the cluster's CA. The JSON is what the API server sent; null when the type does not exist in
 * the cluster (404: ArgoCD or Gatekeeper not installed), which is an answer, not an error. Two GETs do not need
 * the Kubernetes client library, whose loading alone cost an audit ~0.4 s and ~70 MB.
 */
export function kubernetesList(server: KubernetesServer, path: string): Promise<unknown> {
  const url = listUrl(server.base, path);
  const secure = url.protocol === 'https:';
  const deadline = requestDeadline(server.timeoutMs);
  const { signal } = deadline;
  return new Promise((resolve, reject) => {
    const options = {
      method: 'GET',
      headers: { Authorization: `Bearer ${server.token}`, Accept: 'application/json' },
      signal,
      ...(secure && server.caCertificate ? { ca: Buffer.from(server.caCertificate, 'base64') } : {}),
    };
    const answer = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status === 404) return resolve(null);
        if (status !== 200) return reject(new KubernetesHttpError(status, body));
        try {
          resolve(JSON.parse(body) as unknown);
        } catch {
          reject(new Error(`the Kubernetes API answered ${url.pathname} with a body that is not JSON`));
        }
      });
    };
    const request = secure ? httpsRequest(url, options, answer) : httpRequest(url, options, answer);
    request.on('error', (error) =>
      reject(
        signal.aborted ? new TimeoutError(`no answer from the Kubernetes API within ${server.timeoutMs} ms`) : error,
      ),
    );
    request.end();
  }).finally(deadline.done);
}
