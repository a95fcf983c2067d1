import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../src/emulator/postgres/server.js';
import type { AuditRecord, ProjectRecord } from '../../src/history/model.js';
import { parseKeep, prune } from '../../src/history/prune.js';
import { openStore } from '../../src/history/open.js';
import type { HistoryStore } from '../../src/history/store.js';
import { InputError } from '../../src/util/errors.js';
import { needs, POSTGRESQL } from '../helpers/system-tools.js';
import { scratchDir } from '../helpers/scratch.js';

/** One project's results: one risk and one check, mitigated and passing or not. */
const project = (id: string, good: boolean): ProjectRecord => ({
  project: id,
  gate: good ? 'passed' : 'failed',
  risks: [
    {
      id: 'bad-deployment',
      status: good ? 'mitigated' : 'unmitigated',
      declaredStatus: 'mitigated',
      drift: !good,
      inherentScore: 6,
      residualScore: good ? 3 : 6,
    },
  ],
  checks: [
    {
      id: 'deploy.canary',
      outcome: good ? 'pass' : 'fail',
      failingCount: good ? 0 : 1,
      failing: good ? [] : ['projects/p/locations/l/deliveryPipelines/web'],
    },
  ],
});

const audit = (at: string, projects: ProjectRecord[]): AuditRecord => ({
  recordedAt: at,
  asOf: at,
  scope: projects.length === 1 ? `projects/${projects[0]!.project}` : 'organizations/111111111111',
  source: 'snapshot',
  registerDigest: 'ab'.repeat(32),
  gtpVersion: '0.0.0-test',
  gate: projects.every((p) => p.gate === 'passed') ? 'passed' : 'failed',
  projects,
});

let postgres: ThrowawayPostgres | undefined;
let databases = 0;

/** A fresh, empty database on the throwaway server, as a postgres:// URL. */
async function freshDatabase(): Promise<string> {
  const name = `history_${++databases}`;
  const admin = new pg.Client({ ...postgres!, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return `postgres://postgres:${postgres!.password}@127.0.0.1:${postgres!.port}/${name}`;
}

beforeAll(async () => {
  // Where PostgreSQL is missing its tests are skipped, or in CI failed (needs() below); SQLite's still run.
  if (POSTGRESQL.find(process.env) !== undefined) postgres = await startThrowawayPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

const BACKENDS: [string, () => Promise<string>][] = [
  ['SQLite', async () => join(scratchDir('gtp-store-'), 'history.sqlite')],
  ['PostgreSQL', freshDatabase],
];

describe.each(BACKENDS)('the %s history store', (backend, target) => {
  if (backend === 'PostgreSQL') needs(POSTGRESQL);
  async function withOpened<T>(where: string, work: (store: HistoryStore) => Promise<T>): Promise<T> {
    const store = await openStore(where);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  it('keeps each project of an audit, reads them back, and gives the last and the last green run', async () => {
    const where = await target();
    await withOpened(where, async (store) => {
      await store.record(audit('2026-11-01T00:00:00.000Z', [project('acme-prod', true), project('acme-dev', false)]));
      await store.record(audit('2026-11-02T00:00:00.000Z', [project('acme-prod', false)]));
      const all = await store.read({});
      expect(all.runs.map((r) => [r.project, r.asOf]).sort()).toEqual([
        ['acme-dev', '2026-11-01T00:00:00.000Z'],
        ['acme-prod', '2026-11-01T00:00:00.000Z'],
        ['acme-prod', '2026-11-02T00:00:00.000Z'],
      ]);
      const prod = await store.read({ project: 'acme-prod', risk: 'bad-deployment' });
      expect(prod.runs).toHaveLength(2);
      expect(prod.risks.map((r) => r.status).sort()).toEqual(['mitigated', 'unmitigated']);
      expect(prod.checks).toEqual([]);
      const since = await store.read({ since: '2026-11-02T00:00:00.000Z' });
      expect(since.checks).toEqual([
        expect.objectContaining({ outcome: 'fail', failing: ['projects/p/locations/l/deliveryPipelines/web'] }),
      ]);
      expect(await store.read({ project: 'nowhere' })).toEqual({ runs: [], risks: [], checks: [] });
      expect((await store.lastRun('acme-prod', 'last'))?.recordedAt).toBe('2026-11-02T00:00:00.000Z');
      expect((await store.lastRun('acme-prod', 'last-green'))?.risks).toEqual([
        { id: 'bad-deployment', status: 'mitigated', drift: false, residualScore: 3 },
      ]);
      expect(await store.lastRun('acme-dev', 'last-green')).toBeUndefined();
    });
  });

  it('an organization row that counts its failing resources without naming them is kept as such', async () => {
    const where = await target();
    await withOpened(where, async (store) => {
      const counted: ProjectRecord = {
        ...project('acme-prod', false),
        risks: [{ ...project('acme-prod', false).risks[0]!, declaredStatus: null, inherentScore: null }],
        checks: [{ id: 'deploy.canary', outcome: 'fail', failingCount: 3, failing: null }],
      };
      await store.record(audit('2026-11-01T00:00:00.000Z', [counted, project('acme-dev', true)]));
      const rows = await store.exportRows();
      expect(rows.check_results.find((c) => c.project === 'acme-prod')).toMatchObject({
        failing_count: 3,
        failing: [],
      });
      expect(rows.risk_results.find((r) => r.project === 'acme-prod')).toMatchObject({
        declared_status: null,
        inherent_score: null,
      });
      expect((await store.read({})).checks.find((c) => c.failing === null)?.outcome).toBe('fail');
    });
  });

  it('prune removes the audits judged before the retention, with every row of theirs, and keeps the rest', async () => {
    const where = await target();
    await withOpened(where, async (store) => {
      for (const at of ['2025-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'])
        await store.record(audit(at, [project('acme-prod', true), project('acme-dev', false)]));
      expect(await prune(store, 400, new Date('2026-07-01T00:00:00Z'))).toEqual({
        removed: 1,
        cutoff: '2025-05-27T00:00:00.000Z',
      });
      const rows = await store.exportRows();
      expect([rows.runs.length, rows.risk_results.length, rows.check_results.length]).toEqual([4, 4, 4]);
      expect(new Set(rows.runs.map((r) => r.as_of))).toEqual(
        new Set(['2025-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z']),
      );
    });
  });

  it('eight writers recording at once all land, each whole', async () => {
    const where = await target();
    await withOpened(where, async () => undefined); // created once, so that the writers race on records only
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withOpened(where, (store) =>
          store.record(
            audit(`2026-11-0${i + 1}T00:00:00.000Z`, [project(`writer-${i}-a`, true), project(`writer-${i}-b`, false)]),
          ),
        ),
      ),
    );
    await withOpened(where, async (store) => {
      const rows = await store.exportRows();
      expect(rows.runs).toHaveLength(16);
      expect(new Set(rows.runs.map((r) => r.audit_id)).size).toBe(8);
      expect(rows.risk_results).toHaveLength(16);
      expect(rows.check_results).toHaveLength(16);
    });
  });

  it('a record that fails part-way leaves nothing behind', async () => {
    const where = await target();
    await withOpened(where, async (store) => {
      const twice = project('acme-prod', true);
      // The same risk twice in one project breaks the table's key on the second row: the whole record is refused.
      twice.risks.push({ ...twice.risks[0]! });
      await expect(
        store.record(audit('2026-11-01T00:00:00.000Z', [project('acme-dev', true), twice])),
      ).rejects.toThrow();
      const rows = await store.exportRows();
      expect([rows.runs.length, rows.risk_results.length, rows.check_results.length]).toEqual([0, 0, 0]);
    });
  });
});

describe('opening a history store', () => {
  it('a SQLite store from a newer gtp is refused, naming the schema', async () => {
    const file = join(scratchDir('gtp-store-'), 'h.sqlite');
    const db = new DatabaseSync(file);
    db.exec('PRAGMA user_version = 99');
    db.close();
    await expect(openStore(file)).rejects.toThrow(/written by a newer gtp \(history schema 99/);
  });

  it('a SQLite file that is not a store, and a file that is not SQLite, are bad input', async () => {
    const dir = scratchDir('gtp-store-');
    const other = new DatabaseSync(join(dir, 'other.sqlite'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    await expect(openStore(join(dir, 'other.sqlite'))).rejects.toThrow(/a SQLite file that is not a gtp history store/);
    writeFileSync(join(dir, 'text.sqlite'), 'not a database, only text that is long enough to have a header page');
    await expect(openStore(join(dir, 'text.sqlite'))).rejects.toThrow(InputError);
  });

  it('a store of the first schema is moved forward with every row kept', async () => {
    const file = join(scratchDir('gtp-store-'), 'v1.sqlite');
    const db = new DatabaseSync(file);
    // The first schema, as gtp wrote it, with one audit in it.
    db.exec(`CREATE TABLE runs (id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, as_of TEXT NOT NULL,
               scope TEXT NOT NULL, project TEXT NOT NULL, source TEXT NOT NULL, register_digest TEXT NOT NULL,
               gtp_version TEXT NOT NULL, gate TEXT NOT NULL, result TEXT NOT NULL);
             CREATE INDEX runs_by_scope ON runs (scope, as_of);
             CREATE TABLE risk_results (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
               risk_id TEXT NOT NULL, status TEXT NOT NULL, declared_status TEXT NOT NULL, drift INTEGER NOT NULL,
               inherent_score REAL NOT NULL, residual_score REAL NOT NULL, PRIMARY KEY (run_id, risk_id));
             CREATE TABLE check_results (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
               check_id TEXT NOT NULL, outcome TEXT NOT NULL, failing TEXT NOT NULL, PRIMARY KEY (run_id, check_id));
             INSERT INTO runs VALUES (1, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 'projects/acme-prod',
               'acme-prod', 'live', 'ab', '1.0.0', 'failed', '{}');
             INSERT INTO risk_results VALUES (1, 'bad-deployment', 'unmitigated', 'mitigated', 1, 6, 6);
             INSERT INTO check_results VALUES (1, 'deploy.canary', 'fail', '["web"]');
             PRAGMA user_version = 1;`);
    db.close();
    const store = await openStore(file);
    try {
      const rows = await store.exportRows();
      expect(rows.runs).toEqual([
        expect.objectContaining({
          run_id: 1,
          audit_id: 1,
          project: 'acme-prod',
          gate: 'failed',
          scope: 'projects/acme-prod',
        }),
      ]);
      expect(rows.risk_results).toEqual([
        expect.objectContaining({
          risk_id: 'bad-deployment',
          status: 'unmitigated',
          declared_status: 'mitigated',
          drift: true,
        }),
      ]);
      expect(rows.check_results).toEqual([
        expect.objectContaining({ check_id: 'deploy.canary', outcome: 'fail', failing_count: 1, failing: ['web'] }),
      ]);
      expect((await store.lastRun('acme-prod', 'last'))?.checks).toEqual([{ id: 'deploy.canary', outcome: 'fail' }]);
    } finally {
      await store.close();
    }
  });

  it('a URL of another kind is refused before anything is opened', async () => {
    await expect(openStore('mysql://u:pw@host/db')).rejects.toThrow(
      'mysql://u:***@host/db: a history store is a SQLite file (for example .gtp/history.sqlite) or a postgres:// URL',
    );
  });
});

describe('opening a PostgreSQL history store', () => {
  needs(POSTGRESQL);

  it('a PostgreSQL store from a newer gtp is refused, naming the schema', async () => {
    const url = await freshDatabase();
    await (await openStore(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('UPDATE gtp_history.schema_version SET version = 99');
    await client.end();
    await expect(openStore(url)).rejects.toThrow(/written by a newer gtp \(history schema 99/);
  });

  it('a wrong password, a database that is not there and a server that does not answer are bad input, with no password shown', async () => {
    const url = await freshDatabase();
    const wrong = url.replace(postgres!.password, 'not-the-password');
    const refused = (await openStore(wrong).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect(refused).toBeInstanceOf(InputError);
    expect(refused.message).toContain('the password was refused');
    expect(refused.message).not.toContain('not-the-password');
    await expect(openStore(url.replace(/\/history_\d+$/, '/missing'))).rejects.toThrow('no such database');
    await expect(openStore('postgres://gtp:secret@127.0.0.1:1/history')).rejects.toThrow(
      'postgres://gtp:***@127.0.0.1:1/history: cannot open the history store: nothing answers at that address',
    );
  });
});

describe('gtp history prune --keep', () => {
  it('takes a number of days', () => {
    expect(parseKeep('400d')).toBe(400);
    for (const bad of ['400', '0d', '1y', '-3d']) expect(() => parseKeep(bad)).toThrow(InputError);
  });
});
