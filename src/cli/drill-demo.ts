import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresBin } from '../emulator/postgres/bin.js';
import type { Clock } from '../util/clock.js';
import { InputError } from '../util/errors.js';
import type { DrillRestoreOptions } from './drill.js';
import { DEMO_PROJECT, DEMO_WORLD, packagePath } from './paths.js';

/** The PostgreSQL programs a drill against the emulator runs: the server, and the dump and restore of a backup run. */
const POSTGRES_PROGRAMS = ['initdb', 'postgres', 'pg_dump', 'pg_restore'];

/** Bad input (exit 2) naming what is missing and how to install it, when PostgreSQL is not on this machine. */
export function requirePostgres(env: NodeJS.ProcessEnv = process.env, debianRoot?: string): void {
  const missing = POSTGRES_PROGRAMS.filter((program) => {
    try {
      postgresBin(program, env, debianRoot);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0)
    throw new InputError(
      `the drill demo restores into a real PostgreSQL server, and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed: install PostgreSQL (Debian and Ubuntu: apt-get install postgresql; Fedora: dnf install postgresql-server; macOS: brew install postgresql) and run it again`,
    );
}

export interface DrillDemoOptions {
  json?: boolean;
  project?: string;
  instance?: string;
  backup?: string;
  pointInTime?: string;
  verify?: string;
  dryRun?: boolean;
  keep?: boolean;
  passwordSecret?: string;
  iamAuth?: boolean;
}

/** What the demo decides for itself: the instance, the restore, the verification, the credentials. */
const DEMO_CHOOSES = [
  ['project', '--project'],
  ['instance', '--instance'],
  ['backup', '--backup'],
  ['pointInTime', '--point-in-time'],
  ['verify', '--verify'],
  ['dryRun', '--dry-run'],
  ['keep', '--keep'],
  ['passwordSecret', '--password-secret'],
  ['iamAuth', '--iam-auth'],
] as const;

/** What the demo's orders-db holds: what examples/drill/verify.yaml expects of a restore. */
const DEMO_DATA = [
  'CREATE TABLE orders (id integer PRIMARY KEY, total numeric NOT NULL, created_at timestamptz NOT NULL)',
  // Ten hours old and older: the demo world's latest backup run is about nine hours old, and holds them all.
  "INSERT INTO orders SELECT g, round((g * 7.31)::numeric, 2), now() - interval '10 hours' - (g || ' minutes')::interval FROM generate_series(1, 250) g",
  'CREATE TABLE schema_migrations (version text PRIMARY KEY)',
  "INSERT INTO schema_migrations VALUES ('20261101'), ('20261115')",
];

/**
 * `gtp drill restore --demo`: a real drill in one command. A throwaway PostgreSQL server holds the demo instance's
 * data, the emulator serves the reference stack's Cloud SQL on loopback with instances backed by that server, and
 * the drill restores orders-db's latest backup into a scratch instance, runs the bundled verification, deletes the
 * instance and records the drill (in a new temporary directory); then everything it started is stopped.
 */
export async function drillDemoCommand(options: DrillDemoOptions, clock: Clock): Promise<number> {
  const own = DEMO_CHOOSES.find(([key]) => options[key] !== undefined);
  if (own) throw new InputError(`--demo chooses ${own[1]} itself; it cannot be combined with it`);
  requirePostgres();
  const [
    { startThrowawayPostgres },
    { PostgresBackend },
    { startEmulator },
    { loadWorldFile },
    pg,
    { drillRestoreCommand },
  ] = await Promise.all([
    import('../emulator/postgres/server.js'),
    import('../emulator/postgres/backend.js'),
    import('../emulator/server.js'),
    import('../gcp/world-file.js'),
    import('pg'),
    import('./drill.js'),
  ]);
  process.stderr.write('gtp: starting a throwaway PostgreSQL server and the emulator for the demo\n');
  const server = await startThrowawayPostgres();
  try {
    const backend = await PostgresBackend.start(server);
    try {
      const connect = async (database: string) => {
        const client = new pg.default.Client({
          host: server.host,
          port: server.port,
          user: server.user,
          password: server.password,
          database,
        });
        await client.connect();
        return client;
      };
      const admin = await connect('postgres');
      await admin.query('CREATE DATABASE "orders-db__orders"');
      await admin.end();
      const orders = await connect('orders-db__orders');
      for (const statement of DEMO_DATA) await orders.query(statement);
      await orders.end();
      const world = await loadWorldFile(packagePath(DEMO_WORLD));
      const emulator = await startEmulator({ world, clock, sqlBackend: backend });
      try {
        process.env.GTP_API_ENDPOINT = emulator.url;
        process.env.GCE_METADATA_HOST = emulator.url.replace(/^http:\/\//, '');
        process.env.METADATA_SERVER_DETECTION = 'assume-present';
        process.env.GTP_DEMO_PGPASSWORD = server.password;
        const demo: DrillRestoreOptions = {
          project: DEMO_PROJECT,
          instance: 'orders-db',
          verify: packagePath('examples/drill/verify.yaml'),
          timeout: '10m',
          poll: '50ms',
          evidence: await mkdtemp(join(tmpdir(), 'gtp-drill-demo-')),
          ipType: 'private',
          port: backend.port,
          user: server.user,
          passwordEnv: 'GTP_DEMO_PGPASSWORD',
          ssl: 'verify',
          credentials: 'metadata-server',
          ...(options.json ? { json: true } : {}),
        };
        return await drillRestoreCommand(demo, clock);
      } finally {
        await emulator.close();
      }
    } finally {
      await backend.close();
    }
  } finally {
    await server.stop();
  }
}
