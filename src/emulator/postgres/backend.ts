import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:net';
import { freePort } from '../../util/free-port.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SqlDataBackend } from '../cloud-sql.js';
import { postgresBin } from './bin.js';
import { startPostgresProxy } from './proxy.js';
import { ServerCa } from './tls.js';

const run = promisify(execFile);

/** An administrator's connection to a running PostgreSQL server. */
export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password?: string;
}

/**
 * Emulated Cloud SQL instances whose databases live in one real PostgreSQL server: database D of instance I is
 * the server's database "I__D". A clone is CREATE DATABASE … TEMPLATE …; a backup run is a pg_dump of the
 * source (taken the first time it is restored), restored with pg_restore. Each instance the emulator creates
 * gets its own loopback address (127.0.1.N) on one shared port, where a forwarder maps D to "I__D", so that a
 * client connects to an instance exactly as it would to Cloud SQL: address, port, database, user, password.
 */
export class PostgresBackend implements SqlDataBackend {
  private readonly addresses = new Map<string, string>();
  private readonly proxies = new Map<string, Server>();
  private readonly dumps = new Map<string, Promise<Map<string, string>>>();
  private nextHost = 1;
  /** Every connection that reached an instance, and whether it was encrypted (tests read this). */
  readonly connections: { instance: string; encrypted: boolean }[] = [];

  private constructor(
    readonly server: PostgresServer,
    /** The port every instance address listens on. */
    readonly port: number,
    private readonly dumpDir: string,
    private readonly ca: ServerCa,
  ) {}

  static async start(server: PostgresServer, port?: number): Promise<PostgresBackend> {
    return new PostgresBackend(
      server,
      port ?? (await freePort()),
      await mkdtemp(join(tmpdir(), 'gtp-emulator-dumps-')),
      await ServerCa.create(),
    );
  }

  serverCaCert(project: string, instance: string): Record<string, unknown> {
    return this.ca.sslCert(project, instance);
  }

  /** The server-side name of an instance's database. */
  static databaseName(instance: string, database: string): string {
    const name = `${instance}__${database}`;
    if (Buffer.byteLength(name) > 63) throw new Error(`database name ${name} is longer than PostgreSQL's 63 bytes`);
    return name;
  }

  address(instance: string): string {
    let address = this.addresses.get(instance);
    if (!address) {
      const n = this.nextHost++;
      address = `127.0.${1 + Math.floor(n / 254)}.${1 + (n % 254)}`;
      this.addresses.set(instance, address);
    }
    return address;
  }

  async create(instance: string): Promise<void> {
    await this.sql(`CREATE DATABASE ${ident(PostgresBackend.databaseName(instance, 'postgres'))}`);
  }

  async clone(source: string, target: string): Promise<void> {
    for (const database of await this.databasesOf(source)) {
      await this.sql(
        `CREATE DATABASE ${ident(PostgresBackend.databaseName(target, database))} TEMPLATE ${ident(PostgresBackend.databaseName(source, database))}`,
      );
    }
  }

  async restore(source: string, backupRunId: string, target: string): Promise<void> {
    const dumps = await this.dumpOf(source, backupRunId);
    for (const database of await this.databasesOf(target))
      await this.sql(`DROP DATABASE ${ident(PostgresBackend.databaseName(target, database))} WITH (FORCE)`);
    for (const [database, file] of dumps) {
      const name = PostgresBackend.databaseName(target, database);
      await this.sql(`CREATE DATABASE ${ident(name)}`);
      await run(postgresBin('pg_restore'), ['--no-owner', '--exit-on-error', ...this.connectArgs(), '-d', name, file], {
        env: this.env(),
      });
    }
  }

  async drop(instance: string): Promise<void> {
    const proxy = this.proxies.get(instance);
    if (proxy) {
      this.proxies.delete(instance);
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
    for (const database of await this.databasesOf(instance))
      await this.sql(`DROP DATABASE ${ident(PostgresBackend.databaseName(instance, database))} WITH (FORCE)`);
  }

  /** The databases of an instance, by their names inside it. */
  async databasesOf(instance: string): Promise<string[]> {
    const prefix = `${instance}__`;
    const rows = await this.sql<{ datname: string }>('SELECT datname FROM pg_database');
    return rows
      .map((r) => r.datname)
      .filter((name) => name.startsWith(prefix))
      .map((name) => name.slice(prefix.length))
      .sort();
  }

  async close(): Promise<void> {
    await Promise.all([...this.proxies.values()].map((p) => new Promise<void>((resolve) => p.close(() => resolve()))));
    this.proxies.clear();
    await rm(this.dumpDir, { recursive: true, force: true });
  }

  private dumpOf(source: string, backupRunId: string): Promise<Map<string, string>> {
    const key = `${source}/${backupRunId}`;
    let dump = this.dumps.get(key);
    if (!dump) {
      dump = (async () => {
        const files = new Map<string, string>();
        for (const database of await this.databasesOf(source)) {
          const file = join(this.dumpDir, `${source}-${backupRunId}-${database}.dump`);
          await run(
            postgresBin('pg_dump'),
            ['-Fc', ...this.connectArgs(), '-f', file, PostgresBackend.databaseName(source, database)],
            { env: this.env() },
          );
          files.set(database, file);
        }
        return files;
      })();
      this.dumps.set(key, dump);
    }
    return dump;
  }

  async serve(project: string, instance: string, requiresTls: () => boolean): Promise<void> {
    if (this.proxies.has(instance)) return;
    const proxy = await startPostgresProxy({
      listenHost: this.address(instance),
      listenPort: this.port,
      target: { host: this.server.host, port: this.server.port },
      database: (requested) => PostgresBackend.databaseName(instance, requested),
      certificate: await this.ca.certificateFor(project, instance),
      requiresTls,
      onConnection: (encrypted) => this.connections.push({ instance, encrypted }),
    });
    this.proxies.set(instance, proxy);
  }

  private connectArgs(): string[] {
    return ['-h', this.server.host, '-p', String(this.server.port), '-U', this.server.user];
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, ...(this.server.password ? { PGPASSWORD: this.server.password } : {}) };
  }

  private async sql<T = unknown>(text: string): Promise<T[]> {
    const { default: pg } = await import('pg');
    const client = new pg.Client({
      host: this.server.host,
      port: this.server.port,
      user: this.server.user,
      password: this.server.password,
      database: 'postgres',
    });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  }
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
