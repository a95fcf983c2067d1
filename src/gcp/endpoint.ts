import { InputError } from '../util/errors.js';

/** Options every official client is created with. */
export interface ClientOptions {
  [option: string]: string | number | boolean | object | undefined;
  apiEndpoint?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** REST transport for every library: the same wire format against Google and against the emulator. */
  fallback: true;
}

/**
 * GTP_API_ENDPOINT=http://HOST:PORT sends every client to one endpoint (the emulator). Auth is unchanged:
 * Application Default Credentials, which the emulator satisfies as a GCE metadata server.
 */
export function clientOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ClientOptions {
  const endpoint = env.GTP_API_ENDPOINT;
  if (!endpoint) return { fallback: true };
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InputError(`GTP_API_ENDPOINT must be a URL such as http://127.0.0.1:8085, got "${endpoint}"`);
  }
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  return { apiEndpoint: url.hostname, port, protocol, fallback: true };
}
