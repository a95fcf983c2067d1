import { seededRandom, startEmulator } from '../emulator/server.js';
import { loadWorldFile } from '../gcp/world-file.js';

export interface EmulateOptions {
  world: string;
  port: number;
  pageSize?: number;
  latency?: number;
  failRate?: number;
  seed?: number;
  deny?: string[];
  disable?: string[];
  denyPermission?: string[];
  log?: boolean;
}

/** Serves a world on loopback until SIGINT or SIGTERM. The first line of stdout is where it listens. */
export async function emulateCommand(options: EmulateOptions): Promise<number> {
  const world = await loadWorldFile(options.world);
  const emulator = await startEmulator({
    world,
    port: options.port,
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    ...(options.latency !== undefined ? { latencyMs: options.latency } : {}),
    ...(options.failRate !== undefined ? { failRate: options.failRate } : {}),
    ...(options.seed !== undefined ? { random: seededRandom(options.seed) } : {}),
    deny: options.deny ?? [],
    disable: options.disable ?? [],
    denyPermissions: options.denyPermission ?? [],
    ...(options.log ? { onRequest: (e) => process.stderr.write(`${e.method} ${e.path}${e.query ? `?${e.query}` : ''} ${e.status} ${new Date().toISOString().slice(11, 23)}\n`) } : {}),
  });
  process.stdout.write(`listening on ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return 0;
}
