import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceTls, type ReachableInstance } from '../../src/drill/connection.js';
import type { ThrowawayPostgres } from '../../src/emulator/postgres/server.js';
import { ClientPool } from '../../src/gcp/clients.js';
import { clientOptionsFromEnv } from '../../src/gcp/endpoint.js';
import { CloudSqlAdmin } from '../../src/gcp/sql-admin.js';
import { PROJECT, referenceWorld, startDatabase, startRig, type DrillRig } from '../helpers/drill.js';
import { KEY } from '../fixtures/keys.js';
import { needs, POSTGRESQL } from '../helpers/system-tools.js';

let server: ThrowawayPostgres;
let rig: DrillRig;
let pool: ClientPool;
let admin: CloudSqlAdmin;

const postgresql = needs(POSTGRESQL);
beforeAll(async () => {
  if (!postgresql.ready) return;
  const database = await startDatabase();
  server = database.server;
  await database.seed();
  const world = referenceWorld();
  const encrypted = {
    name: 'ledger-db',
    project: PROJECT,
    region: 'us-central1',
    databaseVersion: 'POSTGRES_15',
    instanceType: 'CLOUD_SQL_INSTANCE',
    state: 'RUNNABLE',
    settings: { tier: 'db-custom-1-3840', ipConfiguration: { sslMode: 'ENCRYPTED_ONLY' } },
  };
  world[KEY.sql] = [...(world[KEY.sql] as object[]), encrypted];
  rig = await startRig(server, { world });
  Object.assign(process.env, rig.env);
  pool = new ClientPool(clientOptionsFromEnv(), PROJECT);
  admin = new CloudSqlAdmin(pool);
}, 60_000);
afterAll(async () => {
  await pool?.close();
  await rig?.close();
  await server?.stop();
});

describe("the emulator's Cloud SQL, through the official client, backed by PostgreSQL", () => {
  it('a clone is a long-running operation: PENDING, then RUNNING, then DONE; the clone is RUNNABLE with an address and a CA', async () => {
    const started = await admin.clone(PROJECT, 'orders-db', 'orders-db-copy');
    const seen = [started.status];
    let operation = started;
    while (operation.status !== 'DONE') {
      operation = await admin.getOperation(PROJECT, operation.name);
      seen.push(operation.status);
    }
    expect(seen[0]).toBe('PENDING');
    expect(seen).toContain('RUNNING');
    expect(seen.at(-1)).toBe('DONE');
    expect(operation.operationType).toBe('CLONE');
    const copy = (await admin.getInstance(PROJECT, 'orders-db-copy')) as ReachableInstance & { state?: string };
    expect(copy.state).toBe('RUNNABLE');
    expect(copy.ipAddresses?.[0]).toMatchObject({
      type: 'PRIVATE',
      ipAddress: expect.stringMatching(/^127\.0\.\d+\.\d+$/),
    });
    expect(copy.serverCaCert?.cert).toContain('BEGIN CERTIFICATE');
  });

  it('a clone to a name that exists is refused (409)', async () => {
    await expect(admin.clone(PROJECT, 'orders-db', 'orders-db-copy')).rejects.toThrow(/already exists/);
  });

  it('TLS is checked against the instance CA and the instance name', async () => {
    const copy = (await admin.getInstance(PROJECT, 'orders-db-copy')) as ReachableInstance;
    const connect = async (expectedName: string) => {
      const tls = instanceTls(PROJECT, { ...copy, name: expectedName });
      const client = new pg.Client({
        host: copy.ipAddresses![0]!.ipAddress,
        port: rig.backend.port,
        user: 'postgres',
        password: server.password,
        database: 'orders',
        ssl: { ca: tls.ca, rejectUnauthorized: true, checkServerIdentity: tls.checkServerIdentity as never },
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return Number((await client.query('SELECT count(*) FROM orders')).rows[0].count);
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    expect(await connect('orders-db-copy')).toBeGreaterThan(0);
    await expect(connect('some-other-instance')).rejects.toThrow(
      'the server certificate names acme-prod:orders-db-copy, not acme-prod:some-other-instance',
    );
    expect(rig.backend.connections.filter((c) => c.instance === 'orders-db-copy').every((c) => c.encrypted)).toBe(true);
  });

  it('an instance that accepts only encrypted connections refuses a plain one, as pg_hba would', async () => {
    const started = await admin.clone(PROJECT, 'ledger-db', 'ledger-db-copy');
    let operation = started;
    while (operation.status !== 'DONE') operation = await admin.getOperation(PROJECT, operation.name);
    const copy = (await admin.getInstance(PROJECT, 'ledger-db-copy')) as ReachableInstance;
    const client = new pg.Client({
      host: copy.ipAddresses![0]!.ipAddress,
      port: rig.backend.port,
      user: 'postgres',
      password: server.password,
      database: 'postgres',
    });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow('connection requires SSL/TLS');
  });

  it('an instance takes one operation at a time: another is refused (409) until the first is DONE', async () => {
    let operation = await admin.relabel(PROJECT, 'orders-db-copy', { 'gtp-drill': 'true' });
    await expect(admin.relabel(PROJECT, 'orders-db-copy', { 'gtp-drill': 'true' })).rejects.toThrow(
      /another operation was already in progress/,
    );
    while (operation.status !== 'DONE') operation = await admin.getOperation(PROJECT, operation.name);
  });

  it('deleting an instance protected from deletion is refused; relabelling turns protection off', async () => {
    const instance = rig.emulator.cloudSql.list(PROJECT).find((i) => i.name === 'orders-db-copy')!;
    instance.settings = { ...instance.settings, deletionProtectionEnabled: true };
    await expect(admin.delete(PROJECT, 'orders-db-copy')).rejects.toThrow(/protected from deletion/);
    let operation = await admin.relabel(PROJECT, 'orders-db-copy', { 'gtp-drill': 'true' });
    while (operation.status !== 'DONE') operation = await admin.getOperation(PROJECT, operation.name);
    operation = await admin.delete(PROJECT, 'orders-db-copy');
    while (operation.status !== 'DONE') operation = await admin.getOperation(PROJECT, operation.name);
    expect(rig.emulator.cloudSql.list(PROJECT).map((i) => i.name)).not.toContain('orders-db-copy');
  });
});
