import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { postgresBin } from './bin.js';
import type { PostgresServer } from './backend.js';
import { freePort } from '../../util/free-port.js';
import { monotonicMs } from '../../util/clock.js';

export interface ThrowawayPostgres extends PostgresServer {
  password: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of its own, in a temporary directory on a free loopback port, with a random superuser
 * password, removed by stop(). PostgreSQL refuses to run as root, so under root it runs as the `postgres`
 * account that Debian's package creates.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'gtp-postgres-'));
  const password = randomBytes(12).toString('hex');
  const owner = process.getuid?.() === 0 ? postgresAccount() : undefined;
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  writeFileSync(join(dir, 'pwfile'), `${password}\n`);
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(join(dir, 'pwfile'), owner.uid, owner.gid);
  }
  const data = join(dir, 'data');
  execFileSync(
    postgresBin('initdb'),
    [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${join(dir, 'pwfile')}`,
      '--encoding=UTF8',
      '--locale=C',
    ],
    { ...asOwner, stdio: 'ignore' },
  );
  rmSync(join(dir, 'pwfile'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    postgresBin('postgres'),
    ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    { ...asOwner, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server = { host: '127.0.0.1', port, user: 'postgres', password };
  try {
    await waitUntilReady(server, child);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...server,
    stop: async () => {
      // SIGINT is PostgreSQL's fast shutdown: connections are ended, nothing is kept.
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresAccount(): { uid: number; gid: number } {
  try {
    const id = (flag: string) =>
      Number(
        execFileSync('id', [flag, 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim(),
      );
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'PostgreSQL will not run as root, and there is no postgres account to run it as (Debian: apt-get install postgresql)',
    );
  }
}

async function waitUntilReady(server: PostgresServer & { password: string }, child: ChildProcess): Promise<void> {
  const { default: pg } = await import('pg');
  const deadline = monotonicMs() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited with code ${child.exitCode} while starting`);
    const client = new pg.Client({ ...server, database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (monotonicMs() > deadline)
        throw new Error(`PostgreSQL did not accept connections within 30 s: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
