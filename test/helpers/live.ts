import { fileURLToPath } from 'node:url';
import { runAudit } from '../../src/audit/run.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/server.js';
import { ClientPool } from '../../src/gcp/clients.js';
import { clientOptionsFromEnv } from '../../src/gcp/endpoint.js';
import { LiveSource } from '../../src/gcp/live-source.js';
import type { RetryPolicy } from '../../src/gcp/retry.js';
import type { Register } from '../../src/matrix/schema.js';
import type { Clock } from '../../src/util/clock.js';
import { TEST_CLOCK, TEST_NOW } from './clock.js';

/** Retries as in production, with short waits so that fault tests stay quick. */
export const FAST_RETRY: RetryPolicy = { attempts: 8, initialDelayMs: 5, maxDelayMs: 50, attemptTimeoutMs: 10_000 };

/** Starts an emulator and points the official clients (and ADC) at it, as GTP_API_ENDPOINT does in the CLI. */
export async function emulate(options: Omit<EmulatorOptions, 'clock'> & { clock?: Clock }): Promise<RunningEmulator> {
  const emulator = await startEmulator({ clock: TEST_CLOCK, ...options });
  process.env.GTP_API_ENDPOINT = emulator.url;
  process.env.GCE_METADATA_HOST = emulator.url.replace('http://', '');
  process.env.METADATA_SERVER_DETECTION = 'assume-present';
  return emulator;
}

/** The demo application repository, for the repository probes. */
export const DEMO_REPO = fileURLToPath(new URL('../../examples/demo-repo/', import.meta.url));

export async function liveAudit(register: Register, project = 'acme-prod', repoDir = DEMO_REPO) {
  const source = new LiveSource(new ClientPool(clientOptionsFromEnv(), project));
  try {
    return await runAudit({ register, source, project, repoDir, retry: FAST_RETRY, now: TEST_NOW });
  } finally {
    await source.close();
  }
}

/** API requests only (not the metadata server), by path. */
export function apiRequests(emulator: RunningEmulator) {
  return emulator.requests.filter((r) => !r.path.startsWith('/computeMetadata'));
}
