import { startEmulator } from '../emulator/server.js';
import { loadWorldFile } from '../gcp/world-file.js';
import type { World } from '../gcp/world.js';
import { DEMO_WORLD, DRIFTED_WORLD, HARDENED_WORLD, packagePath } from './paths.js';
import { PostgresBackend } from '../emulator/postgres/backend.js';
import { InputError } from '../util/errors.js';
import type { Clock } from '../util/clock.js';
import { EXIT } from './exit-codes.js';

export interface EmulateOptions {
  world?: string;
  syntheticOrganization?: number;
  port: number;
  pageSize?: number;
  latency?: number;
  failRate?: number;
  seed?: number;
  deny?: string[];
  disable?: string[];
  denyPermission?: string[];
  log?: boolean;
  postgres?: string;
  withPostgres?: boolean;
  stallOperation?: string[];
  failOperation?: string[];
  quota?: Record<string, number>;
  quotaMinute?: number;
}

/** The PostgreSQL server instance data lives in: one given by URL, or a throwaway one of our own. */
async function sqlBackend(
  options: EmulateOptions,
): Promise<{ backend: PostgresBackend; stop: () => Promise<void> } | undefined> {
  if (options.postgres && options.withPostgres) throw new InputError('give --postgres or --with-postgres, not both');
  if (options.postgres) {
    let url: URL;
    try {
      url = new URL(options.postgres);
    } catch {
      throw new InputError(
        `--postgres must be a URL such as postgres://postgres:secret@127.0.0.1:5432, got "${options.postgres}"`,
      );
    }
    const server = {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || 'postgres'),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    };
    const backend = await PostgresBackend.start(server);
    return { backend, stop: () => backend.close() };
  }
  if (!options.withPostgres) return undefined;
  const { startThrowawayPostgres } = await import('../emulator/postgres/server.js');
  const server = await startThrowawayPostgres();
  const backend = await PostgresBackend.start(server);
  // A throwaway server on loopback: its URL (password included) is how data gets into the emulated instances.
  const url = `postgres://${server.user}:${server.password}@${server.host}:${server.port}/postgres`;
  process.stderr.write(
    `instance data: ${url} (database D of instance I is "I__D"); instances listen on port ${backend.port}\n`,
  );
  return {
    backend,
    stop: async () => {
      await backend.close();
      await server.stop();
    },
  };
}

/** Serves a world on loopback until SIGINT or SIGTERM. The first line of stdout is where it listens. */
/** The world to serve: a file, or a generated organization (with its denied paths). */
async function worldOf(options: EmulateOptions): Promise<{ world: World; deny: string[] }> {
  if ((options.world === undefined) === (options.syntheticOrganization === undefined))
    throw new InputError('give --world FILE or --synthetic-organization N');
  if (options.world !== undefined) return { world: await loadWorldFile(options.world), deny: [] };
  const size = options.syntheticOrganization!;
  if (size < 1 || size > 100_000) throw new InputError('--synthetic-organization takes 1 to 100000 projects');
  const [seed, drifted, hardened] = await Promise.all(
    [DEMO_WORLD, DRIFTED_WORLD, HARDENED_WORLD].map((file) => loadWorldFile(packagePath(file))),
  );
  const { syntheticOrganization } = await import('../emulator/synthetic-org.js');
  const org = syntheticOrganization(size, { seed: seed!, drifted: drifted!, hardened: hardened! });
  process.stderr.write(
    `synthetic organization ${org.organization}: ${size} projects (in every 10: 4 as the seed, 2 drifted, 3 hardened, 1 denied its Cloud SQL reads)\n`,
  );
  return org;
}

export async function emulateCommand(options: EmulateOptions, clock: Clock): Promise<number> {
  const { world, deny } = await worldOf(options);
  const sql = await sqlBackend(options);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({
      ...(sql ? { sqlBackend: sql.backend } : {}),
      sqlFaults: { stall: options.stallOperation ?? [], fail: options.failOperation ?? [] },
      world,
      clock,
      port: options.port,
      ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
      ...(options.latency !== undefined ? { latencyMs: options.latency } : {}),
      ...(options.failRate !== undefined ? { failRate: options.failRate } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      deny: [...deny, ...(options.deny ?? [])],
      disable: options.disable ?? [],
      denyPermissions: options.denyPermission ?? [],
      ...(options.quota
        ? { quotas: { perMinute: options.quota, ...(options.quotaMinute ? { minuteMs: options.quotaMinute } : {}) } }
        : {}),
      ...(options.log
        ? {
            onRequest: (e) =>
              process.stderr.write(
                `${e.method} ${e.path}${e.query ? `?${e.query}` : ''} ${e.status} ${clock.now().toISOString().slice(11, 23)}\n`,
              ),
          }
        : {}),
    });
  } catch (error) {
    await sql?.stop();
    // A port taken by another process is the user's to choose again, not a crash.
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new InputError(`--port ${options.port}: the port is in use`);
    if ((error as NodeJS.ErrnoException).code === 'EACCES')
      throw new InputError(`--port ${options.port}: not allowed to listen there`);
    throw error;
  }
  process.stdout.write(`listening on ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  await sql?.stop();
  return EXIT.OK;
}
