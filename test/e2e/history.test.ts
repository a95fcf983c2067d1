import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gtp } from '../helpers/cli.js';
import { WORLDS } from '../helpers/paths.js';
import { CHROMIUM, needs, POSTGRESQL } from '../helpers/system-tools.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../src/emulator/postgres/server.js';
import { scratchDir } from '../helpers/scratch.js';

const HARDENED_REPO = 'test/fixtures/repos/hardened';
const dir = () => scratchDir('gtp-history-');

/** An offline audit of a bundled world, judged as of `at`, recorded in `store`. */
const audit = (world: string, at: string, store: string, extra: string[] = []) =>
  gtp([
    'audit',
    '--snapshot',
    `${WORLDS}${world}.json`,
    '--repo',
    HARDENED_REPO,
    '--as-of',
    at,
    '--record',
    store,
    '--format',
    'json',
    ...extra,
  ]);

interface History {
  runs: number;
  risks: {
    risk: string;
    drift: { start: string; end: string | null; days: number }[];
    timeline: { status: string }[];
  }[];
  checks: { check: string; firstFailed: string | null; lastFixed: string | null; daysFailing: number }[];
  timeToMitigate: { risk: string; episodes: number; medianDays: number | null }[];
}

describe('the register over time: gtp audit --record and gtp history', () => {
  it('records each audit and tells the drift episode, the failing check and the time to mitigate', async () => {
    const store = join(dir(), 'history.sqlite');
    expect((await audit('hardened', '2026-11-01T00:00:00Z', store)).code).toBe(0);
    expect((await audit('drifted', '2026-11-03T00:00:00Z', store)).code).toBe(1);
    expect((await audit('drifted', '2026-11-05T00:00:00Z', store)).code).toBe(1);
    expect((await audit('hardened', '2026-11-08T00:00:00Z', store)).code).toBe(0);
    const run = await gtp(['history', '--store', store, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const history = JSON.parse(run.stdout) as History;
    expect(history.runs).toBe(4);
    const ddos = history.risks.find((r) => r.risk === 'ddos-web-attacks')!;
    expect(ddos.drift).toEqual([{ start: '2026-11-03T00:00:00.000Z', end: '2026-11-08T00:00:00.000Z', days: 5 }]);
    expect(history.timeToMitigate.find((t) => t.risk === 'ddos-web-attacks')).toMatchObject({
      episodes: 1,
      medianDays: 5,
    });
    expect(history.checks.find((c) => c.check === 'armor.attached')).toMatchObject({
      firstFailed: '2026-11-03T00:00:00.000Z',
      lastFixed: '2026-11-08T00:00:00.000Z',
      daysFailing: 5,
    });
    const md = await gtp(['history', '--store', store, '--risk', 'ddos-web-attacks']);
    expect(md.stdout).toContain('Drift from 2026-11-03 00:00 to 2026-11-08 00:00 (5 d).');
    // A retention longer than the history removes nothing; a retention that is not a number of days is bad input.
    const kept = await gtp(['history', 'prune', '--keep', '36500d', '--store', store]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(/^removed 0 audit\(s\) judged before /);
    expect((await gtp(['history', 'prune', '--keep', '1y', '--store', store])).code).toBe(2);
    // The store as NDJSON with BigQuery schemas: every row holds exactly its table's columns.
    const out = dir();
    const exported = await gtp(['history', 'export', '--store', store, '--output-dir', out]);
    expect(exported.code, exported.stderr).toBe(0);
    for (const [table, rows] of [
      ['runs', 4],
      ['risk_results', 4 * 18],
    ] as const) {
      const lines = readFileSync(join(out, `${table}.ndjson`), 'utf8')
        .trimEnd()
        .split('\n');
      expect(lines, table).toHaveLength(rows);
      const columns = (JSON.parse(readFileSync(join(out, `${table}.schema.json`), 'utf8')) as { name: string }[]).map(
        (c) => c.name,
      );
      for (const line of lines) expect(Object.keys(JSON.parse(line) as object), table).toEqual(columns);
    }
    const drift = readFileSync(join(out, 'risk_results.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { risk_id: string; drift: boolean; as_of: string })
      .filter((r) => r.risk_id === 'ddos-web-attacks')
      .map((r) => r.drift);
    expect(drift).toEqual([false, true, true, false]);
  });

  it('--baseline last gates on what got worse since the last recorded audit', async () => {
    const store = join(dir(), 'history.sqlite');
    expect((await audit('hardened', '2026-11-01T00:00:00Z', store)).code).toBe(0);
    const worse = await audit('drifted', '2026-11-02T00:00:00Z', store, [
      '--baseline',
      'last',
      '--fail-on',
      'regression',
    ]);
    expect(worse.code).toBe(1);
    const report = JSON.parse(worse.stdout) as { changes: { regressions: number } };
    expect(report.changes.regressions).toBeGreaterThan(0);
    const green = await audit('hardened', '2026-11-03T00:00:00Z', join(dir(), 'empty.sqlite'), [
      '--baseline',
      'last-green',
    ]);
    expect(green.code).toBe(2);
    expect(green.stderr).toContain('holds no audit of projects/acme-prod whose gate passed');
  });

  it('two audits recording at once both land, whole', async () => {
    const store = join(dir(), 'history.sqlite');
    const runs = await Promise.all(
      ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'].map((d) => audit('hardened', `${d}T00:00:00Z`, store)),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const db = new DatabaseSync(store);
    try {
      expect(db.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 4 });
      const perRun = db.prepare('SELECT count(*) AS n FROM risk_results GROUP BY run_id').all() as { n: number }[];
      expect(perRun.map((r) => r.n)).toEqual([18, 18, 18, 18]);
    } finally {
      db.close();
    }
  });

  it('a store from a newer gtp, a file that is not a store, and no store at all are bad input (exit 2)', async () => {
    const newer = join(dir(), 'newer.sqlite');
    const db = new DatabaseSync(newer);
    db.exec('PRAGMA user_version = 99');
    db.close();
    const refused = await audit('hardened', '2026-11-01T00:00:00Z', newer);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('written by a newer gtp (history schema 99');
    const garbage = join(dir(), 'garbage.sqlite');
    writeFileSync(garbage, 'not a database at all, just text that is long enough to be a header\n'.repeat(10));
    expect((await gtp(['history', '--store', garbage])).code).toBe(2);
    const missing = await gtp(['history', '--store', join(dir(), 'none.sqlite')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no history store');
    expect(readFileSync(garbage, 'utf8')).toContain('not a database');
  });
});

describe('a team store: PostgreSQL by URL', () => {
  const tools = needs(POSTGRESQL);
  let server: ThrowawayPostgres | undefined;
  beforeAll(async () => {
    if (tools.ready) server = await startThrowawayPostgres();
  }, 60_000);
  afterAll(async () => server?.stop());
  const url = (password = server!.password) => `postgres://postgres:${password}@127.0.0.1:${server!.port}/postgres`;

  it('records audits and gives the same history as a SQLite store', async () => {
    const sqlite = join(dir(), 'history.sqlite');
    for (const [world, day] of [
      ['hardened', '2026-11-01'],
      ['drifted', '2026-11-03'],
      ['hardened', '2026-11-08'],
    ] as const) {
      const a = await audit(world, `${day}T00:00:00Z`, url());
      expect(a.code, a.stderr).toBe(world === 'hardened' ? 0 : 1);
      expect((await audit(world, `${day}T00:00:00Z`, sqlite)).code).toBe(a.code);
    }
    const fromPostgres = await gtp(['history', '--store', url(), '--format', 'json'], {
      env: { GTP_STORE: '' },
    });
    expect(fromPostgres.code, fromPostgres.stderr).toBe(0);
    const fromSqlite = await gtp(['history', '--store', sqlite, '--format', 'json']);
    expect(JSON.parse(fromPostgres.stdout)).toEqual(JSON.parse(fromSqlite.stdout));
    const ddos = (JSON.parse(fromPostgres.stdout) as History).risks.find((r) => r.risk === 'ddos-web-attacks')!;
    expect(ddos.drift).toEqual([{ start: '2026-11-03T00:00:00.000Z', end: '2026-11-08T00:00:00.000Z', days: 5 }]);
  });

  it('a wrong password is exit 2 before the audit, naming the store without the password, and nothing is written', async () => {
    const out = dir();
    const refused = await audit('hardened', '2026-11-01T00:00:00Z', url('wrong-password'), [
      '--formats',
      'json',
      '--output-dir',
      out,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `postgres://postgres:***@127.0.0.1:${server!.port}/postgres: cannot open the history store: the password was refused`,
    );
    expect(refused.stderr).not.toContain('wrong-password');
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('the HTML report over time, in a real browser', () => {
  const tools = needs(CHROMIUM);
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  beforeAll(async () => {
    if (!tools.ready) return;
    browser = await chromium.launch({
      executablePath: tools.path(CHROMIUM),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  it('residual risk over time, a swimlane per risk coloured by status, drift marked, and no network', async () => {
    const store = join(dir(), 'history.sqlite');
    const out = dir();
    const days = [
      ['hardened', '2026-11-01'],
      ['drifted', '2026-11-03'],
      ['drifted', '2026-11-05'],
      ['hardened', '2026-11-08'],
    ];
    for (const [world, day] of days)
      await audit(world!, `${day}T00:00:00Z`, store, ['--formats', 'html,json', '--output-dir', out]);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${join(out, 'audit.html')}`);
    expect(await page.locator('#residual-trend').getAttribute('data-points')).toBe('4');
    expect(await page.locator('#residual-trend circle').count()).toBe(4);
    expect(await page.locator('#risk-swimlanes g.lane').count()).toBe(18);
    const ddos = page.locator('#risk-swimlanes g.lane[data-risk="ddos-web-attacks"]');
    const statuses = await ddos
      .locator('rect[data-status]')
      .evaluateAll((rects) => rects.map((r) => r.getAttribute('data-status')));
    expect(statuses).toEqual(['mitigated', 'unmitigated', 'unmitigated', 'mitigated']);
    expect(await ddos.locator('rect.drift').count()).toBe(2);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });
});
