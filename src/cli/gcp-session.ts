import { startEmulator, type RunningEmulator } from '../emulator/server.js';
import { loadWorldFile, projectOfWorld } from '../gcp/world-file.js';
import { ageOffsetMs as ageOffsetMsOf, capturedAtOf } from '../gcp/world-time.js';
import type { Clock } from '../util/clock.js';
import type { ClientPool } from '../gcp/clients.js';
import type { RestSource } from '../gcp/source.js';
import { QuotaPacer } from '../gcp/quota.js';
import { InputError } from '../util/errors.js';
import { DEMO_PROJECT, DEMO_WORLD, packagePath } from './paths.js';

/**
 * A source of cloud data for one command: the live APIs (through GTP_API_ENDPOINT when set), a snapshot file,
 * or the demo world served by an in-process emulator. Heavy modules load only for the path taken.
 */
export interface GcpSession {
  source: RestSource;
  /** The project the data is about, when the source knows it (a snapshot, the demo). */
  project?: string;
  /** When a snapshot's data was read from the cloud, if it records that. */
  capturedAt?: Date;
  /** How far the demo's world was moved to the present: its drill records move with it. */
  ageOffsetMs?: number;
  close(): Promise<void>;
}

export async function openSnapshot(file: string): Promise<GcpSession> {
  const { SnapshotSource } = await import('../gcp/source.js');
  const world = await loadWorldFile(file);
  const project = projectOfWorld(world);
  const capturedAt = capturedAtOf(world);
  return {
    source: new SnapshotSource(world),
    ...(project ? { project } : {}),
    ...(capturedAt ? { capturedAt } : {}),
    close: async () => undefined,
  };
}

/**
 * The official clients, configured from the environment (GTP_API_ENDPOINT) and loaded on first use. A broken
 * credentials file is bad input, said once, before any request.
 */
export async function openLiveClients(
  project?: string,
  credentials: 'adc' | 'metadata-server' = 'adc',
): Promise<ClientPool> {
  const [{ ClientPool }, { clientOptionsFromEnv }, { checkCredentialsFile }] = await Promise.all([
    import('../gcp/clients.js'),
    import('../gcp/endpoint.js'),
    import('../gcp/credentials.js'),
  ]);
  if (credentials === 'adc') await checkCredentialsFile();
  // A pool that names no project (an organization's discovery) would have the auth library run
  // `gcloud config config-helper` to find one: the project is found here as gcloud would, from its files.
  const named =
    project ?? (await (await import('../setup/find-project.js')).findProject({}).catch(() => undefined))?.id;
  return new ClientPool(clientOptionsFromEnv(), named, credentials);
}

export async function openLive(project?: string, credentials: 'adc' | 'metadata-server' = 'adc'): Promise<GcpSession> {
  const { LiveSource } = await import('../gcp/live-source.js');
  const source = new LiveSource(await openLiveClients(project, credentials));
  return { source, close: () => source.close() };
}

/**
 * The demo: the reference stack served on loopback, read by the real client libraries. The world is served moved
 * to the clock's present, so the demo gives the same verdicts on any day.
 */
export async function openDemo(clock: Clock): Promise<GcpSession> {
  const world = await loadWorldFile(packagePath(DEMO_WORLD));
  const ageOffsetMs = ageOffsetMsOf(world, clock.now());
  const emulator: RunningEmulator = await startEmulator({ world, clock });
  process.env.GTP_API_ENDPOINT = emulator.url;
  process.env.GCE_METADATA_HOST = emulator.url.replace(/^http:\/\//, '');
  process.env.METADATA_SERVER_DETECTION = 'assume-present';
  const live = await openLive(DEMO_PROJECT, 'metadata-server');
  return {
    source: live.source,
    project: DEMO_PROJECT,
    ageOffsetMs,
    close: async () => {
      await live.close();
      await emulator.close();
    },
  };
}

/** How long a quota minute lasts: Google's is 60 s; an emulator may shorten it (GTP_QUOTA_MINUTE_MS). */
function quotaMinuteMs(): number | undefined {
  const value = process.env.GTP_QUOTA_MINUTE_MS;
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1)
    throw new InputError(`GTP_QUOTA_MINUTE_MS must be a whole number of milliseconds, got "${value.slice(0, 40)}"`);
  return Number(value);
}

/**
 * The rate-quota pacer of a live run: the quota project client-based APIs charge (GOOGLE_CLOUD_QUOTA_PROJECT, as
 * Google's client libraries read it), and the team's own quotas where they differ from Google's defaults.
 */
export function quotaPacer(perMinute?: Record<string, number>): QuotaPacer {
  const quotaProject = process.env.GOOGLE_CLOUD_QUOTA_PROJECT;
  const windowMs = quotaMinuteMs();
  return new QuotaPacer({
    ...(quotaProject ? { quotaProject } : {}),
    ...(windowMs ? { windowMs } : {}),
    ...(perMinute ? { perMinute } : {}),
  });
}
