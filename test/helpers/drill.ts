import { readFileSync } from 'node:fs';
import pg from 'pg';
import { PostgresBackend } from '../../src/emulator/postgres/backend.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../src/emulator/postgres/server.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/server.js';
import type { World } from '../../src/gcp/world.js';
import { WORLDS } from './paths.js';
import { systemClock } from '../../src/util/clock.js';

export const PROJECT = 'acme-prod';
export const SOURCE = 'orders-db';
/** The orders the source instance holds: a drill that restores them finds exactly these. */
export const ORDERS = 250;

/** The reference stack's world, whose orders-db has backups, point-in-time recovery and backup runs. */
export function referenceWorld(): World {
  return JSON.parse(readFileSync(`${WORLDS}reference-stack.json`, 'utf8')) as World;
}

/** A real PostgreSQL server holding orders-db's data, for the whole test file. */
export async function startDatabase(): Promise<{ server: ThrowawayPostgres; seed: () => Promise<void> }> {
  const server = await startThrowawayPostgres();
  const seed = async () => {
    const admin = new pg.Client({ ...server, database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${PostgresBackend.databaseName(SOURCE, 'orders')}"`);
    await admin.end();
    const db = new pg.Client({ ...server, database: PostgresBackend.databaseName(SOURCE, 'orders') });
    await db.connect();
    await db.query(
      'CREATE TABLE orders (id integer PRIMARY KEY, total numeric NOT NULL, created_at timestamptz NOT NULL)',
    );
    await db.query(
      `INSERT INTO orders SELECT g, g * 1.5, now() - (${ORDERS} - g) * interval '1 minute' FROM generate_series(1, ${ORDERS}) g`,
    );
    await db.query('CREATE TABLE schema_migrations (version text PRIMARY KEY)');
    await db.query("INSERT INTO schema_migrations VALUES ('20261101'), ('20261115')");
    await db.end();
  };
  return { server, seed };
}

export interface DrillRig {
  emulator: RunningEmulator;
  backend: PostgresBackend;
  /** What gtp needs to reach the emulator and log in to restored instances. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** An emulator (the reference world, unless given another) whose Cloud SQL instances keep their data in the test's PostgreSQL server. */
export async function startRig(server: ThrowawayPostgres, options: Partial<EmulatorOptions> = {}): Promise<DrillRig> {
  const backend = await PostgresBackend.start(server);
  // gtp runs as a subprocess on the system clock: the emulator keeps the same time, serving the world moved to it.
  const emulator = await startEmulator({
    world: referenceWorld(),
    clock: systemClock,
    ...options,
    sqlBackend: backend,
  });
  return {
    emulator,
    backend,
    env: {
      GTP_API_ENDPOINT: emulator.url,
      GCE_METADATA_HOST: emulator.url.replace('http://', ''),
      METADATA_SERVER_DETECTION: 'assume-present',
      PGPASSWORD: server.password,
    },
    close: async () => {
      await emulator.close();
      await backend.close();
    },
  };
}

/** Scratch instances left in the emulated project, and databases left in PostgreSQL: both must be empty after a drill. */
export async function leftovers(rig: DrillRig): Promise<{ instances: string[]; databases: string[] }> {
  await rig.emulator.cloudSql.settle();
  const instances = rig.emulator.cloudSql
    .list(PROJECT)
    .map((i) => i.name)
    .filter((n) => n.startsWith('gtp-drill-'));
  const admin = new pg.Client({ ...rig.backend.server, database: 'postgres' });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'gtp-drill-%'",
  );
  await admin.end();
  return { instances, databases: rows.map((r) => r.datname) };
}
