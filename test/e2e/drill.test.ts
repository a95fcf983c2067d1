import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PostgresBackend } from '../../src/emulator/postgres/backend.js';
import type { ThrowawayPostgres } from '../../src/emulator/postgres/server.js';
import { drillRecordSchema, type DrillRecord } from '../../src/evidence/record.js';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import { baseEnv, gtp, gtpEmulate } from '../helpers/cli.js';
import {
  leftovers,
  ORDERS,
  PROJECT,
  referenceWorld,
  SOURCE,
  startDatabase,
  startRig,
  type DrillRig,
} from '../helpers/drill.js';
import { BIN, ROOT } from '../helpers/paths.js';
import { needs, POSTGRESQL, SCRIPT } from '../helpers/system-tools.js';
import { KEY } from '../fixtures/keys.js';
import { ALL_ROUTES, matchRequest } from '../../src/gcp/routes.js';
import { systemClock } from '../../src/util/clock.js';
import { scratchDir } from '../helpers/scratch.js';

const VERIFY = join(ROOT, 'test/fixtures/drill/verify.yaml');
const VERIFY_FAILING = join(ROOT, 'test/fixtures/drill/verify-failing.yaml');

let server: ThrowawayPostgres;
let rig: DrillRig | undefined;

const postgresql = needs(POSTGRESQL);
beforeAll(async () => {
  if (!postgresql.ready) return;
  const database = await startDatabase();
  server = database.server;
  await database.seed();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function withRig(options: Partial<EmulatorOptions> = {}): Promise<DrillRig> {
  rig = await startRig(server, options);
  return rig;
}

const evidence = () => scratchDir('gtp-drill-evidence-');

/** `gtp drill restore` against the rig: quick polls, the rig's instance port, the source's password from PGPASSWORD. */
function drill(r: DrillRig, args: string[], env: Record<string, string> = {}) {
  return gtp(
    [
      'drill',
      'restore',
      '--project',
      PROJECT,
      '--instance',
      SOURCE,
      '--poll',
      '20ms',
      '--port',
      String(r.backend.port),
      ...args,
    ],
    { env: { ...r.env, ...env } },
  );
}

function recordsIn(dir: string): DrillRecord[] {
  return readdirSync(dir).map((f) => drillRecordSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
}

/** Requests that change something: the drill must make them only about its own scratch instance. */
function writes(r: DrillRig) {
  return r.emulator.requests.filter((q) => q.method !== 'GET' && !q.path.startsWith('/computeMetadata'));
}

async function sourceOrders(): Promise<number> {
  const db = new pg.Client({ ...server, database: PostgresBackend.databaseName(SOURCE, 'orders') });
  await db.connect();
  try {
    return Number((await db.query('SELECT count(*) FROM orders')).rows[0].count);
  } finally {
    await db.end();
  }
}

describe('gtp drill restore against the emulator backed by PostgreSQL', () => {
  it('restores the latest backup into a scratch instance, verifies real rows, deletes it, records RTO and RPO', async () => {
    const r = await withRig();
    const dir = evidence();
    const { code, stdout, stderr } = await drill(r, ['--verify', VERIFY, '--evidence', dir]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('drill passed: orders-db (backup-restore');
    expect(stdout).toMatch(/RTO \d+s/);
    // Progress went to stderr, one line per step (not a terminal).
    expect(stderr).toMatch(/✓ plan: .*✓ restore: .*✓ verify: 4 of 4 check\(s\) passed.*✓ cleanup: deleted/s);

    const [record] = recordsIn(dir);
    expect(record!.outcome).toBe('passed');
    // The latest successful run, at the end time the emulator serves (the world's, moved to the present).
    const runs = (await (
      await fetch(`${r.emulator.url}/v1/projects/${PROJECT}/instances/${SOURCE}/backupRuns`)
    ).json()) as { items: { id: string; endTime: string }[] };
    const latest = runs.items.find((run) => run.id === '1764126000000')!;
    expect(Date.parse(latest.endTime)).toBeGreaterThan(Date.now() - 36 * 3600_000);
    expect(record!.restorePoint).toEqual({ backupRunId: '1764126000000', time: latest.endTime });
    expect(record!.steps.map((s) => `${s.name}:${s.outcome}`)).toEqual(['restore:ok', 'verify:ok', 'cleanup:ok']);
    expect(record!.verification.map((v) => v.outcome)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(record!.verification[0]!.actual).toBe(String(ORDERS));
    expect(record!.rtoSeconds).toBeGreaterThan(0);
    expect(record!.rpoSeconds).toBeCloseTo((Date.parse(record!.startedAt) - Date.parse(latest.endTime)) / 1000, 0);
    expect(record!.cleanup).toEqual({ outcome: 'deleted' });
    expect(record!.scratch.labels).toMatchObject({ 'gtp-drill': 'true', 'gtp-drill-source': 'orders-db' });

    expect(await leftovers(r)).toEqual({ instances: [], databases: [] });
    // Never a write to the source: every mutation names the scratch instance (created, restored into, deleted).
    const scratch = record!.scratch.instance;
    expect(writes(r).map((q) => `${q.method} ${q.path.replace(scratch, 'SCRATCH')}`)).toEqual([
      `POST /v1/projects/${PROJECT}/instances`,
      `POST /v1/projects/${PROJECT}/instances/SCRATCH/restoreBackup`,
      `DELETE /v1/projects/${PROJECT}/instances/SCRATCH`,
    ]);
    expect(await sourceOrders()).toBe(ORDERS);
    // Verification spoke TLS, checked against the scratch instance's own CA and name.
    const connections = r.backend.connections.filter((c) => c.instance === scratch);
    expect(connections.length).toBeGreaterThan(0);
    expect(connections.every((c) => c.encrypted)).toBe(true);
    // The password is in the environment only.
    expect(stdout + stderr + readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')).not.toContain(server.password);

    // The register follows the evidence: the proposed mitigation of backup-restore-failure is now in place.
    const audit = await gtp(
      [
        'audit',
        '--project',
        PROJECT,
        '--format',
        'json',
        '--evidence',
        dir,
        '--repo',
        join(ROOT, 'examples/demo-repo'),
      ],
      { env: r.env },
    );
    const report = JSON.parse(audit.stdout) as {
      checks: { id: string; outcome: string; resources: { name: string; detail: string }[] }[];
      risks: { id: string; status: string }[];
      restoreDrills: { location: string; drills: { id: string; outcome: string; checksPassed: number }[] };
    };
    expect(report.restoreDrills).toEqual({
      location: dir,
      drills: [expect.objectContaining({ id: record!.id, outcome: 'passed', checksPassed: 4 })],
    });
    const check = report.checks.find((c) => c.id === 'drill.recent-restore')!;
    expect(check.outcome).toBe('pass');
    expect(check.resources.find((x) => x.name === SOURCE)!.detail).toContain(`drill ${record!.id} passed 0 day(s) ago`);
    expect(report.risks.find((x) => x.id === 'backup-restore-failure')!.status).toBe('mitigated');
    // The report lists the drill with its measured figures.
    const markdown = await gtp(
      ['audit', '--project', PROJECT, '--evidence', dir, '--repo', join(ROOT, 'examples/demo-repo')],
      { env: r.env },
    );
    expect(markdown.stdout).toMatch(
      new RegExp(
        `### Restore drills[\\s\\S]*\\| \`orders-db\` \\| ${record!.finishedAt} \\| backup-restore \\| ✅ passed \\| \\d+s \\| .+ \\| 4/4 \\|`,
      ),
    );
  }, 60_000);

  it('clones to a point in time, relabels the clone, and records the drill in a Cloud Storage prefix that list and audit read', async () => {
    const r = await withRig();
    const at = new Date(Date.now() - 3600_000).toISOString();
    const { code, stderr } = await drill(r, [
      '--point-in-time',
      at,
      '--verify',
      VERIFY,
      '--evidence',
      'gs://acme-drills/restore-drills',
    ]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('✓ label: labelled gtp-drill=true');
    expect(await leftovers(r)).toEqual({ instances: [], databases: [] });
    const uploads = r.emulator.requests.filter((q) => q.path === '/upload/storage/v1/b/acme-drills/o');
    expect(uploads).toHaveLength(1);

    const list = await gtp(['drill', 'list', '--evidence', 'gs://acme-drills/restore-drills', '--json'], {
      env: r.env,
    });
    expect(list.code, list.stderr).toBe(0);
    const [record] = JSON.parse(list.stdout) as DrillRecord[];
    expect(record!.method).toBe('point-in-time-clone');
    expect(record!.restorePoint.pointInTime).toBe(at);
    expect(record!.rpoSeconds).toBeGreaterThanOrEqual(3600);
    expect(record!.steps.map((s) => s.name)).toEqual(['restore', 'label', 'verify', 'cleanup']);

    const table = await gtp(['drill', 'list', '--evidence', 'gs://acme-drills/restore-drills'], { env: r.env });
    expect(table.stdout).toMatch(/acme-prod\s+orders-db\s+point-in-time-clone\s+passed\s+\S+\s+1h\s+4\/4\s+deleted/);

    const audit = await gtp(
      [
        'audit',
        '--project',
        PROJECT,
        '--format',
        'json',
        '--evidence',
        'gs://acme-drills/restore-drills',
        '--repo',
        join(ROOT, 'examples/demo-repo'),
      ],
      { env: r.env },
    );
    const report = JSON.parse(audit.stdout) as { checks: { id: string; outcome: string }[] };
    expect(report.checks.find((c) => c.id === 'drill.recent-restore')!.outcome).toBe('pass');
  }, 60_000);

  it('--keep leaves the scratch instance running, labelled to expire in a day, which gc leaves alone until then', async () => {
    const r = await withRig();
    const dir = evidence();
    const { code } = await drill(r, ['--verify', VERIFY, '--evidence', dir, '--keep']);
    expect(code).toBe(0);
    const [record] = recordsIn(dir);
    expect(record!.cleanup.outcome).toBe('kept');
    const kept = r.emulator.cloudSql.list(PROJECT).find((i) => i.name === record!.scratch.instance)!;
    expect(kept.state).toBe('RUNNABLE');
    const expires = Number(kept.settings!.userLabels!['gtp-drill-expires']) * 1000;
    // The label holds whole seconds.
    expect(Math.abs(expires - Date.parse(record!.startedAt) - 24 * 3600_000)).toBeLessThan(1000);
    const gc = await gtp(['drill', 'gc', '--project', PROJECT, '--json'], { env: r.env });
    expect((JSON.parse(gc.stdout) as { notExpired: { instance: string }[] }).notExpired.map((n) => n.instance)).toEqual(
      [record!.scratch.instance],
    );
    // The other tests share the PostgreSQL server and expect no scratch data in it.
    await r.backend.drop(record!.scratch.instance);
  }, 60_000);

  it('a check cannot write: several statements are refused, and one that writes fails in the read-only session', async () => {
    const r = await withRig();
    const dir = evidence();
    const { code } = await drill(r, [
      '--verify',
      join(ROOT, 'test/fixtures/drill/verify-writes.yaml'),
      '--evidence',
      dir,
      '--keep',
    ]);
    expect(code).toBe(1);
    const [record] = recordsIn(dir);
    expect(record!.verification.map((v) => v.outcome)).toEqual(['pass', 'error', 'error']);
    expect(record!.verification[1]!.actual).toContain('cannot insert multiple commands into a prepared statement');
    expect(record!.verification[2]!.actual).toContain('read-only transaction');
    const db = new pg.Client({ ...server, database: PostgresBackend.databaseName(record!.scratch.instance, 'orders') });
    await db.connect();
    try {
      const { rows } = await db.query("SELECT tablename FROM pg_tables WHERE tablename LIKE 'written%'");
      expect(rows).toEqual([]);
    } finally {
      await db.end();
      await r.backend.drop(record!.scratch.instance);
    }
  }, 60_000);

  it('a verification that fails: the drill fails, says why, and the scratch instance is deleted', async () => {
    const r = await withRig();
    const dir = evidence();
    const { code, stdout } = await drill(r, ['--verify', VERIFY_FAILING, '--evidence', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain('drill failed');
    const [record] = recordsIn(dir);
    expect(record!.outcome).toBe('failed');
    expect(record!.failure).toEqual({
      step: 'verify',
      reason: expect.stringContaining('a million orders (expected a value of at least 1000000, got 250)'),
    });
    expect(record!.verification.map((v) => v.outcome)).toEqual(['pass', 'fail']);
    expect(record!.rtoSeconds).toBeUndefined();
    expect(record!.cleanup.outcome).toBe('deleted');
    expect(await leftovers(r)).toEqual({ instances: [], databases: [] });
  }, 60_000);

  it('a restore operation that never finishes: timeout, the operation cancelled, the scratch instance deleted', async () => {
    const r = await withRig({ sqlFaults: { stall: ['RESTORE_VOLUME'] } });
    const dir = evidence();
    const { code } = await drill(r, ['--verify', VERIFY, '--evidence', dir, '--timeout', '2s']);
    expect(code).toBe(1);
    const [record] = recordsIn(dir);
    expect(record!.failure).toEqual({
      step: 'restore',
      reason: expect.stringMatching(/RESTORE_VOLUME operation .* did not finish within the drill's timeout \(2 s\)/),
    });
    expect(record!.cleanup.outcome).toBe('deleted');
    expect(r.emulator.requests.some((q) => q.path.endsWith('/cancel'))).toBe(true);
    expect(await leftovers(r)).toEqual({ instances: [], databases: [] });
  }, 60_000);

  it('the API fails the restore operation: the error is recorded, the scratch instance deleted', async () => {
    const r = await withRig({ sqlFaults: { fail: ['RESTORE_VOLUME'] } });
    const dir = evidence();
    const { code, stdout } = await drill(r, ['--verify', VERIFY, '--evidence', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain('failed at restore: RESTORE_VOLUME operation');
    const [record] = recordsIn(dir);
    expect(record!.failure!.reason).toContain('INTERNAL_ERROR');
    expect(record!.cleanup.outcome).toBe('deleted');
    expect(await leftovers(r)).toEqual({ instances: [], databases: [] });
  }, 60_000);

  it('the API refuses the restore (permission): the error names the permission, the scratch instance is deleted', async () => {
    const r = await withRig({ denyPermissions: ['cloudsql.instances.restoreBackup'] });
    const dir = evidence();
    const { code } = await drill(r, ['--verify', VERIFY, '--evidence', dir]);
    expect(code).toBe(1);
    const [record] = recordsIn(dir);
    // Cloud SQL answers 403 notAuthorized without naming the permission: the drill names the one its call needs.
    expect(record!.failure).toEqual({
      step: 'restore',
      reason: expect.stringMatching(
        /^permission denied: missing cloudsql\.instances\.restoreBackup \(the permission this call needs; Google's answer named none: The client is not authorized/,
      ),
    });
    expect(record!.cleanup.outcome).toBe('deleted');
    expect(await leftovers(r)).toEqual({ instances: [], databases: [] });
  }, 60_000);

  // Latency is added after the emulator acts and before it answers: with 1.5 s of it, the signal lands while
  // Cloud SQL has already started the clone but its answer has not reached the drill, whose clean-up must still
  // cancel the stalled operation (else every delete meets 409 until the drill's clean-up deadline).
  it.each([
    ['SIGINT', 'while the clone runs', 130, 0],
    ['SIGTERM', 'while the clone runs', 143, 0],
    ['SIGTERM', "before the clone's answer arrives", 143, 1500],
  ] as const)(
    '%s in the middle of a restore (%s): the scratch instance is deleted, then exit %i',
    async (signal, _when, exitCode, latencyMs) => {
      const r = await withRig({ sqlFaults: { stall: ['CLONE'] }, latencyMs });
      const dir = evidence();
      const child = spawn(
        process.execPath,
        [
          BIN,
          'drill',
          'restore',
          '--project',
          PROJECT,
          '--instance',
          SOURCE,
          '--point-in-time',
          new Date(Date.now() - 600_000).toISOString(),
          '--poll',
          '20ms',
          '--timeout',
          '10m',
          '--evidence',
          dir,
        ],
        {
          cwd: ROOT,
          env: baseEnv(r.env),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Wait until the clone is under way (its scratch instance exists), then interrupt.
      await expect
        .poll(() => r.emulator.cloudSql.list(PROJECT).some((i) => i.name.startsWith('gtp-drill-')), {
          timeout: 20_000,
          interval: 50,
        })
        .toBe(true);
      child.kill(signal);
      expect(await exited).toBe(exitCode);
      expect(stderr).toContain(`${signal}: stopping the drill and cleaning up`);
      const [record] = recordsIn(dir);
      expect(record!.failure).toEqual({ step: 'restore', reason: `interrupted by ${signal}` });
      expect(record!.cleanup.outcome).toBe('deleted');
      expect(await leftovers(r)).toEqual({ instances: [], databases: [] });
    },
    60_000,
  );

  it('IAM database authentication: the drill logs in as an IAM user with its own access token, never printed', async () => {
    // An IAM database user, as Cloud SQL creates it; the emulator's metadata server hands out "emulator-token".
    const iamUser = 'drill-sa@acme-prod.iam';
    const admin = new pg.Client({ ...server, database: PostgresBackend.databaseName(SOURCE, 'orders') });
    await admin.connect();
    await admin.query(
      `DO $$ BEGIN CREATE ROLE "${iamUser}" LOGIN PASSWORD 'emulator-token'; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    );
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO "${iamUser}"`);
    await admin.end();
    const r = await withRig();
    const dir = evidence();
    const { code, stdout, stderr } = await drill(
      r,
      [
        '--point-in-time',
        new Date(Date.now() - 600_000).toISOString(),
        '--verify',
        VERIFY,
        '--evidence',
        dir,
        '--iam-auth',
        '--user',
        iamUser,
      ],
      { PGPASSWORD: '' },
    );
    expect(code, stderr).toBe(0);
    expect(stdout + stderr + JSON.stringify(recordsIn(dir))).not.toContain('emulator-token');
  }, 60_000);

  it('the password from Secret Manager; a wrong password is an error, never printed', async () => {
    const world = referenceWorld();
    const secretKey = (version: string) =>
      `secretmanager.googleapis.com/v1/projects/${PROJECT}/secrets/orders-db-password/versions/${version}:access`;
    world[secretKey('3')] = {
      name: `projects/123456789012/secrets/orders-db-password/versions/3`,
      payload: { data: Buffer.from(server.password).toString('base64') },
    };
    world[secretKey('2')] = {
      name: `projects/123456789012/secrets/orders-db-password/versions/2`,
      payload: { data: Buffer.from('an-old-password').toString('base64') },
    };
    const r = await withRig({ world });
    const noEnvPassword = { PGPASSWORD: '' };
    const good = await drill(
      r,
      [
        '--verify',
        VERIFY,
        '--evidence',
        evidence(),
        '--password-secret',
        `projects/${PROJECT}/secrets/orders-db-password/versions/3`,
      ],
      noEnvPassword,
    );
    expect(good.code, good.stderr).toBe(0);

    const dir = evidence();
    const bad = await drill(
      r,
      [
        '--verify',
        VERIFY,
        '--evidence',
        dir,
        '--password-secret',
        `projects/${PROJECT}/secrets/orders-db-password/versions/2`,
      ],
      noEnvPassword,
    );
    expect(bad.code).toBe(1);
    const [record] = recordsIn(dir);
    expect(
      record!.verification.every((v) => v.outcome === 'error' && v.actual.includes('password authentication failed')),
    ).toBe(true);
    expect(bad.stdout + bad.stderr + JSON.stringify(record)).not.toMatch(/an-old-password|YW4tb2xkLXBhc3N3b3Jk/);
    expect(record!.cleanup.outcome).toBe('deleted');
    expect(await leftovers(r)).toEqual({ instances: [], databases: [] });
  }, 60_000);
});

describe('progress', () => {
  needs(SCRIPT);
  /** Runs the drill on a pseudo-terminal (util-linux script), `columns` wide. */
  const onTerminal = (r: DrillRig, columns: number) =>
    new Promise<string>((resolve) => {
      const command = `stty cols ${columns}; node ${BIN} drill restore --project ${PROJECT} --instance ${SOURCE} --poll 100ms --port ${r.backend.port} --evidence ${evidence()}`;
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        cwd: ROOT,
        env: baseEnv({ ...r.env, TERM: 'xterm' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      // One decoder for the whole stream: a character split across two reads is not two broken ones.
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d) => (output += d));
      child.on('close', () => resolve(output));
    });

  it('a spinner on a terminal, each step ending in ✔ or ✖', async () => {
    const output = await onTerminal(await withRig(), 100);
    // NO_COLOR is set: the frames carry no colour codes, only cursor movement.
    expect(output).not.toContain(`${String.fromCharCode(27)}[36m`);
    expect(output).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] restore: restoring backup run/);
    expect(output).toContain('✔ cleanup: deleted');
    expect(output).toContain('drill passed');
  }, 30_000);

  it('one line per step on a terminal that reports no width', async () => {
    const output = await onTerminal(await withRig(), 0);
    expect(output).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    expect(output).toContain('✓ cleanup: deleted');
  }, 30_000);
});

describe('encryption in transit', () => {
  const withSslMode = (sslMode: string) => {
    const world = referenceWorld();
    const source = (world[KEY.sql] as { name: string; settings: Record<string, unknown> }[]).find(
      (i) => i.name === SOURCE,
    )!;
    source.settings.ipConfiguration = {
      ipv4Enabled: false,
      privateNetwork: 'projects/acme-prod/global/networks/prod',
      sslMode,
    };
    return world;
  };

  it('a source that accepts only encrypted connections: its restored copy is verified over TLS', async () => {
    const r = await withRig({ world: withSslMode('ENCRYPTED_ONLY') });
    const { code, stderr } = await drill(r, ['--verify', VERIFY, '--evidence', evidence()]);
    expect(code, stderr).toBe(0);
    expect(r.backend.connections.every((c) => c.encrypted)).toBe(true);
  }, 30_000);

  it.each([
    ['ENCRYPTED_ONLY', ['--ssl', 'disable'], 'accepts only encrypted connections (sslMode ENCRYPTED_ONLY)'],
    ['TRUSTED_CLIENT_CERTIFICATE_REQUIRED', [], 'requires client certificates'],
  ])(
    '%s with %j: refused before anything is restored',
    async (sslMode, args, message) => {
      const r = await withRig({ world: withSslMode(sslMode) });
      const { code, stderr } = await drill(r, ['--verify', VERIFY, '--evidence', evidence(), ...args]);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
      expect(writes(r)).toEqual([]);
    },
    30_000,
  );
});

describe('refusals and dry runs touch nothing', () => {
  const refusals: [string, string[], Record<string, string>, string][] = [
    [
      'a point in time outside the window',
      ['--point-in-time', '2020-01-01T00:00:00Z'],
      {},
      'before the recovery window of orders-db starts',
    ],
    ['a backup run that failed', ['--backup', '1764039600000'], {}, 'is FAILED, not SUCCESSFUL'],
    ['no password to verify with', ['--verify', VERIFY], { PGPASSWORD: '' }, 'no database password: set PGPASSWORD'],
    [
      'both a backup and a point in time',
      ['--backup', 'latest', '--point-in-time', '2026-11-26T00:00:00Z'],
      {},
      'give --point-in-time or --backup, not both',
    ],
    ['a timeout that is not a duration', ['--timeout', 'forever'], {}, '--timeout must be a duration'],
  ];
  it.each(refusals)(
    '%s: exit 2',
    async (_name, args, env, message) => {
      const r = await withRig();
      const { code, stderr } = await drill(r, [...args, '--evidence', evidence()], env);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
      expect(writes(r)).toEqual([]);
    },
    30_000,
  );

  it('an instance without backups: refused, exit 2', async () => {
    const world = referenceWorld();
    world[`${KEY.sql}/orders-db/backupRuns`] = [];
    (world[KEY.sql] as { name: string; settings: { backupConfiguration: object } }[]).find(
      (i) => i.name === SOURCE,
    )!.settings.backupConfiguration = { enabled: false };
    const r = await withRig({ world });
    const { code, stderr } = await drill(r, ['--evidence', evidence()]);
    expect(code).toBe(2);
    expect(stderr).toContain('orders-db has automated backups turned off and no successful backup run to restore');
    expect(writes(r)).toEqual([]);
  }, 30_000);

  it('--dry-run prints the plan and writes nothing, not even a record', async () => {
    const r = await withRig();
    const dir = evidence();
    const { code, stdout } = await drill(r, ['--dry-run', '--json', '--evidence', dir]);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as { method: string; scratch: { instance: string } };
    expect(plan.method).toBe('backup-restore');
    expect(plan.scratch.instance).toMatch(/^gtp-drill-orders-db-\d{8}-\d{6}$/);
    expect(writes(r)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('a source that cannot be read: exit 3, naming the permission', async () => {
    const { startEmulator } = await import('../../src/emulator/server.js');
    const emulator = await startEmulator({
      world: referenceWorld(),
      clock: systemClock,
      denyPermissions: ['cloudsql.instances.get'],
    });
    try {
      const { code, stderr } = await gtp(
        ['drill', 'restore', '--project', PROJECT, '--instance', SOURCE, '--evidence', evidence()],
        {
          env: {
            GTP_API_ENDPOINT: emulator.url,
            GCE_METADATA_HOST: emulator.url.replace('http://', ''),
            METADATA_SERVER_DETECTION: 'assume-present',
          },
        },
      );
      expect(code).toBe(3);
      expect(stderr).toContain('missing cloudsql.instances.get');
    } finally {
      await emulator.close();
    }
  }, 30_000);
});

describe('gtp emulate --with-postgres', () => {
  it('serves instances backed by a throwaway PostgreSQL server, which stops with the emulator', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'emulate', '--world', join(ROOT, 'examples/worlds/reference-stack.json'), '--port', '0', '--with-postgres'],
      { cwd: ROOT, env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    await expect
      .poll(() => /listening on/.test(stdout) && /instance data:/.test(stderr), { timeout: 30_000, interval: 50 })
      .toBe(true);
    const url = /^listening on (\S+)$/m.exec(stdout)![1]!;
    const [, database, port] = /instance data: (\S+) .* instances listen on port (\d+)/.exec(stderr)!;
    const admin = new pg.Client({ connectionString: database });
    await admin.connect();
    await admin.query('CREATE DATABASE "orders-db__orders"');
    await admin.end();
    const db = new pg.Client({ connectionString: database!.replace(/\/postgres$/, '/orders-db__orders') });
    await db.connect();
    await db.query(
      `CREATE TABLE orders (id integer, total numeric, created_at timestamptz); INSERT INTO orders SELECT g, g, now() FROM generate_series(1, ${ORDERS}) g`,
    );
    await db.query("CREATE TABLE schema_migrations (version text); INSERT INTO schema_migrations VALUES ('20261115')");
    await db.end();
    const env = {
      GTP_API_ENDPOINT: url,
      GCE_METADATA_HOST: url.replace('http://', ''),
      METADATA_SERVER_DETECTION: 'assume-present',
      PGPASSWORD: new URL(database!).password,
    };
    const result = await gtp(
      [
        'drill',
        'restore',
        '--project',
        PROJECT,
        '--instance',
        SOURCE,
        '--verify',
        VERIFY,
        '--poll',
        '20ms',
        '--port',
        port!,
        '--evidence',
        evidence(),
      ],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const probe = new pg.Client({ connectionString: database, connectionTimeoutMillis: 2000 });
    probe.on('error', () => undefined);
    await expect(probe.connect()).rejects.toThrow();
  }, 60_000);
});

describe('gtp emulate fault flags', () => {
  it.each([
    [['--stall-operation', 'CLONE'], "did not finish within the drill's timeout"],
    [['--fail-operation', 'CLONE'], 'CLONE operation'],
  ])(
    '%j: the drill fails for that reason and still cleans up',
    async (flags, reason) => {
      const emulator = await gtpEmulate(['--world', join(ROOT, 'examples/worlds/reference-stack.json'), ...flags]);
      try {
        const dir = evidence();
        const at = new Date(Date.now() - 600_000).toISOString();
        const { code } = await gtp(
          [
            'drill',
            'restore',
            '--project',
            PROJECT,
            '--instance',
            SOURCE,
            '--point-in-time',
            at,
            '--poll',
            '20ms',
            '--timeout',
            '2s',
            '--evidence',
            dir,
          ],
          { env: emulator.env },
        );
        expect(code).toBe(1);
        const [record] = recordsIn(dir);
        expect(record!.failure).toEqual({ step: 'restore', reason: expect.stringContaining(reason) });
        expect(record!.cleanup.outcome).toBe('deleted');
      } finally {
        await emulator.stop();
      }
    },
    30_000,
  );
});

describe('the drill role', () => {
  it("grants every permission the drill, gc and list use, and none of the auditor's that the drill does not", async () => {
    const world = referenceWorld();
    world[`secretmanager.googleapis.com/v1/projects/${PROJECT}/secrets/orders-db-password/versions/latest:access`] = {
      name: 'projects/123456789012/secrets/orders-db-password/versions/4',
      payload: { data: Buffer.from(server.password).toString('base64') },
    };
    const r = await withRig({ world });
    const store = 'gs://acme-drills/role-test';
    const secret = ['--password-secret', `projects/${PROJECT}/secrets/orders-db-password/versions/latest`];
    expect((await drill(r, ['--verify', VERIFY, '--evidence', store, ...secret], { PGPASSWORD: '' })).code).toBe(0);
    expect(
      (
        await drill(r, [
          '--point-in-time',
          new Date(Date.now() - 600_000).toISOString(),
          '--verify',
          VERIFY,
          '--evidence',
          store,
        ])
      ).code,
    ).toBe(0);
    expect((await gtp(['drill', 'gc', '--project', PROJECT], { env: r.env })).code).toBe(0);
    expect((await gtp(['drill', 'list', '--evidence', store], { env: r.env })).code).toBe(0);

    const used = new Set(
      r.emulator.requests
        .filter((q) => !q.path.startsWith('/computeMetadata'))
        .flatMap((q) =>
          ALL_ROUTES.filter(
            (route) =>
              (route.method ?? 'GET') === q.method && matchRequest(route, q.path, new URLSearchParams(q.query ?? '')),
          ).map((route) => route.permission),
        ),
    );
    const role = await gtp(['iam', 'role', '--for', 'drill', '--format', 'json']);
    const granted = (JSON.parse(role.stdout) as { roleId: string; includedPermissions: string[] }).includedPermissions;
    expect(JSON.parse(role.stdout).roleId).toBe('gtpDrill');
    expect([...used].filter((p) => !granted.includes(p))).toEqual([]);
    expect(granted).toEqual(
      expect.arrayContaining([
        'cloudsql.instances.clone',
        'cloudsql.instances.create',
        'cloudsql.instances.delete',
        'cloudsql.instances.restoreBackup',
        'storage.objects.create',
        'secretmanager.versions.access',
      ]),
    );
    expect(granted).not.toContain('container.clusters.list');
  }, 90_000);
});

describe('the drill recipe', () => {
  it('examples/ci/restore-drill.cloudbuild.yaml is valid YAML whose drill command this gtp runs', async () => {
    const recipe = parse(readFileSync(join(ROOT, 'examples/ci/restore-drill.cloudbuild.yaml'), 'utf8')) as {
      steps: { args: string[] }[];
      options: { pool: { name: string } };
    };
    expect(recipe.options.pool.name).toContain('workerPools/');
    const script = recipe.steps[0]!.args.at(-1)!.replace(/\\\n\s*/g, ' ');
    const command = /gtp (drill restore [^\n]+)/.exec(script)![1]!;
    const args = command
      .replaceAll('$PROJECT_ID', PROJECT)
      .replace('drills/orders-db.yaml', VERIFY)
      .split(/\s+/)
      .filter(Boolean);
    const world = referenceWorld();
    world[`secretmanager.googleapis.com/v1/projects/${PROJECT}/secrets/orders-db-password/versions/latest:access`] = {
      name: 'projects/123456789012/secrets/orders-db-password/versions/1',
      payload: { data: Buffer.from(server.password).toString('base64') },
    };
    const r = await withRig({ world });
    // Only the polling interval and the emulated instances' port differ from production.
    const result = await gtp([...args, '--poll', '20ms', '--port', String(r.backend.port)], {
      env: { ...r.env, PGPASSWORD: '' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`record: gs://${PROJECT}-gtp-drills/orders-db/`);
  }, 30_000);
});

describe('gtp drill gc', () => {
  const scratch = (name: string, labels: Record<string, string>) => ({
    kind: 'sql#instance',
    name,
    project: PROJECT,
    region: 'us-central1',
    databaseVersion: 'POSTGRES_15',
    instanceType: 'CLOUD_SQL_INSTANCE',
    state: 'RUNNABLE',
    settings: { tier: 'db-custom-1-3840', userLabels: labels },
  });
  const epoch = (offsetMs: number) => String(Math.floor((Date.now() + offsetMs) / 1000));

  it('deletes only labelled scratch instances whose expiry has passed', async () => {
    const world = referenceWorld();
    world[KEY.sql] = [
      ...(world[KEY.sql] as object[]),
      scratch('gtp-drill-orders-db-20261101-030000', {
        'gtp-drill': 'true',
        'gtp-drill-expires': epoch(-3600_000),
        'gtp-drill-source': 'orders-db',
      }),
      scratch('gtp-drill-orders-db-20261126-050000', {
        'gtp-drill': 'true',
        'gtp-drill-expires': epoch(3600_000),
        'gtp-drill-source': 'orders-db',
      }),
      // Expired scratch labels on what is not a scratch instance: a name no drill gives, and a protected one.
      scratch('billing-db', {
        'gtp-drill': 'true',
        'gtp-drill-expires': epoch(-3600_000),
        'gtp-drill-source': 'billing-db',
      }),
      {
        ...scratch('gtp-drill-orders-db-20261101-040000', {
          'gtp-drill': 'true',
          'gtp-drill-expires': epoch(-3600_000),
          'gtp-drill-source': 'orders-db',
        }),
        settings: {
          tier: 'db-custom-1-3840',
          deletionProtectionEnabled: true,
          userLabels: { 'gtp-drill': 'true', 'gtp-drill-expires': epoch(-3600_000), 'gtp-drill-source': 'orders-db' },
        },
      },
      scratch('gtp-drill-handmade', { team: 'data' }),
      scratch('reporting-db', { 'gtp-drill': 'false', 'gtp-drill-expires': epoch(-3600_000) }),
    ];
    // The primary, with its replica, carries labels copied from a scratch instance (a clone copies its source's).
    const primary = (world[KEY.sql] as { name: string; settings: { userLabels?: Record<string, string> } }[]).find(
      (i) => i.name === 'orders-db',
    )!;
    primary.settings.userLabels = {
      ...primary.settings.userLabels,
      'gtp-drill': 'true',
      'gtp-drill-expires': epoch(-3600_000),
      'gtp-drill-source': 'orders-db',
    };
    const r = await withRig({ world });
    const names = () => r.emulator.cloudSql.list(PROJECT).map((i) => i.name);

    const dry = await gtp(['drill', 'gc', '--project', PROJECT, '--dry-run'], { env: r.env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('would delete gtp-drill-orders-db-20261101-030000 (expired)');
    expect(names()).toContain('gtp-drill-orders-db-20261101-030000');

    const { code, stdout } = await gtp(['drill', 'gc', '--project', PROJECT, '--poll', '20ms', '--json'], {
      env: r.env,
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      deleted: string[];
      notExpired: { instance: string }[];
      unlabelled: string[];
    };
    expect(report.deleted).toEqual(['gtp-drill-orders-db-20261101-030000']);
    expect(report.notExpired.map((n) => n.instance)).toEqual(['gtp-drill-orders-db-20261126-050000']);
    expect(report.unlabelled).toEqual(['gtp-drill-handmade']);
    expect((report as unknown as { suspicious: { instance: string; reason: string }[] }).suspicious).toEqual([
      {
        instance: 'orders-db',
        reason: 'not named as a drill names its scratch instances (gtp-drill-<source>-<yyyymmdd>-<hhmmss>)',
      },
      {
        instance: 'billing-db',
        reason: 'not named as a drill names its scratch instances (gtp-drill-<source>-<yyyymmdd>-<hhmmss>)',
      },
      { instance: 'gtp-drill-orders-db-20261101-040000', reason: 'deletion protection is on' },
    ]);
    expect(dry.stdout).toContain(
      'left orders-db: labelled as an expired scratch instance, but not named as a drill names',
    );
    await r.emulator.cloudSql.settle();
    expect(names().sort()).toEqual([
      'billing-db',
      'gtp-drill-handmade',
      'gtp-drill-orders-db-20261101-040000',
      'gtp-drill-orders-db-20261126-050000',
      'orders-db',
      'orders-db-replica',
      'reporting-db',
    ]);
  }, 30_000);
});

describe('gtp drill restore --demo', () => {
  it('a real restore in one command: the record (RTO, RPO, each check) printed and saved, everything stopped after', async () => {
    const dir = scratchDir('gtp-drill-demo-cwd-');
    const { code, stdout, stderr } = await gtp(['drill', 'restore', '--demo'], { cwd: dir });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^drill passed: orders-db \(backup-restore, restore point \S+\)$/m);
    expect(stdout).toMatch(/^ {2}RTO \S+ \(start to verified data\)$/m);
    expect(stdout).toMatch(/^ {2}RPO .+ \(age of the restored data at the start\)$/m);
    expect(stdout.match(/^ {2}✓ /gm)).toHaveLength(4);
    expect(stdout).toMatch(/^ {2}scratch instance gtp-drill-orders-db-\S+: deleted$/m);
    const saved = /^ {2}record: (\S+)$/m.exec(stdout)![1]!;
    const record = drillRecordSchema.parse(JSON.parse(readFileSync(saved, 'utf8')));
    expect(record.outcome).toBe('passed');
    expect(record.verification.map((v) => v.outcome)).toEqual(['pass', 'pass', 'pass', 'pass']);
    // Nothing was written where it ran: the record went to a directory of its own.
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('--demo chooses the instance and the restore itself: combining it with them is bad input', async () => {
    const { code, stderr } = await gtp(['drill', 'restore', '--demo', '--instance', 'orders-db']);
    expect(code).toBe(2);
    expect(stderr).toContain('--demo chooses --instance itself');
    const none = await gtp(['drill', 'restore']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give --project and --instance (or --demo');
  });

  it('without PostgreSQL: says what is missing and how to install it (exit 2 through InputError)', async () => {
    const { requirePostgres } = await import('../../src/cli/drill-demo.js');
    const { InputError } = await import('../../src/util/errors.js');
    const empty = scratchDir('gtp-no-postgres-');
    expect(() => requirePostgres({ PATH: empty }, join(empty, 'postgresql'))).toThrow(InputError);
    expect(() => requirePostgres({ PATH: empty }, join(empty, 'postgresql'))).toThrow(
      /initdb, postgres, pg_dump, pg_restore are not installed: install PostgreSQL \(Debian and Ubuntu: apt-get install postgresql/,
    );
    // This machine has it (CI installs it): the check passes.
    expect(() => requirePostgres()).not.toThrow();
  });
});
