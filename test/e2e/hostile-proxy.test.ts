import { afterEach, describe, expect, it } from 'vitest';
import { gtp, gtpEmulate, type EmulatorProcess } from '../helpers/cli.js';
import { HANG_UPS, startHostileProxy, type Misbehaviour } from '../helpers/hostile-proxy.js';
import { WORLDS } from '../helpers/paths.js';

let emulator: EmulatorProcess | undefined;
let proxy: Awaited<ReturnType<typeof startHostileProxy>> | undefined;
afterEach(async () => {
  await proxy?.close();
  await emulator?.stop();
  proxy = undefined;
  emulator = undefined;
});

interface Report {
  checks: { id: string; outcome: string; error?: string }[];
}

/** The metadata server's access token, which every call's credentials come from. */
const TOKEN = /^\/computeMetadata\/v1\/instance\/service-accounts\/default\/token$/;

/** The Cloud SQL instance list, which five checks decide on. */
const SQL_LIST = /^\/v1\/projects\/acme-prod\/instances$/;

/** A live audit of the hardened world, read through a proxy that misbehaves on `paths`. */
async function auditThrough(paths: RegExp, misbehaviour: Misbehaviour, extraEnv: Record<string, string> = {}) {
  emulator = await gtpEmulate(['--world', `${WORLDS}hardened.json`]);
  proxy = await startHostileProxy(emulator.env.GTP_API_ENDPOINT!, paths, misbehaviour);
  const env = {
    ...emulator.env,
    GTP_API_ENDPOINT: proxy.url,
    GCE_METADATA_HOST: proxy.url.replace('http://', ''),
    ...extraEnv,
  };
  const run = await gtp(['audit', '--project', 'acme-prod', '--format', 'json'], { env });
  return { ...run, report: run.stdout ? (JSON.parse(run.stdout) as Report) : undefined };
}

describe('an API that lies or breaks makes its checks unverified, never pass, fail or not applicable', () => {
  it.each<[Misbehaviour, string]>([
    ['endless-pages', 'twice: its list does not end'],
    ['null-body', ''],
    ['not-json', ''],
    ['wrong-items', ''],
  ])('%s on the Cloud SQL list: every SQL check is an error, exit 3', async (misbehaviour, mention) => {
    const { code, stderr, report } = await auditThrough(SQL_LIST, misbehaviour);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(code, stderr).toBe(3);
    const sql = report!.checks.filter((c) => c.id.startsWith('sql.') || c.id === 'drill.recent-restore');
    expect(sql.length).toBeGreaterThan(0);
    for (const check of sql) {
      expect(check.outcome, `${check.id}: ${check.error ?? ''}`).toBe('error');
      expect(check.error).toContain('sql.instances');
      if (mention) expect(check.error).toContain(mention);
    }
    // Only the lie is affected.
    expect(report!.checks.find((c) => c.id === 'gke.regional')!.outcome).toBe('pass');
    if (misbehaviour === 'endless-pages') expect(proxy!.requests()).toBeLessThan(10);
  });

  it.each<[Misbehaviour, string, RegExp, string]>([
    ['null-body', 'Cloud Storage (a library that is not gax)', /^\/storage\/v1\/b/, 'storage.'],
    ['not-json', 'Cloud Storage (a library that is not gax)', /^\/storage\/v1\/b/, 'storage.'],
    ['null-body', 'the Binary Authorization policy (plain REST)', /^\/v1\/projects\/acme-prod\/policy$/, 'binauthz.'],
    ['not-json', 'the Binary Authorization policy (plain REST)', /^\/v1\/projects\/acme-prod\/policy$/, 'binauthz.'],
  ])('%s on %s: its checks are errors, exit 3, no stack trace', async (misbehaviour, _api, paths, prefix) => {
    const { code, stderr, report } = await auditThrough(paths, misbehaviour);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code, stderr).toBe(3);
    const affected = report!.checks.filter((c) => c.id.startsWith(prefix));
    expect(affected.length).toBeGreaterThan(0);
    for (const check of affected) expect(check.outcome, `${check.id}: ${check.error ?? ''}`).toBe('error');
    expect(report!.checks.find((c) => c.id === 'gke.regional')!.outcome).toBe('pass');
    expect(proxy!.requests()).toBeGreaterThan(0);
  });

  it('a Cloud SQL list that never answers: each attempt is cancelled at the request timeout, exit 3, and gtp exits', async () => {
    const { code, stderr, report } = await auditThrough(SQL_LIST, 'hang', { GTP_REQUEST_TIMEOUT: '1s' });
    expect(code, stderr).toBe(3);
    const sql = report!.checks.filter((c) => c.id.startsWith('sql.'));
    expect(sql.length).toBeGreaterThan(0);
    for (const check of sql) {
      expect(check.outcome).toBe('error');
      expect(check.error).toContain('sql.instances: timed out');
    }
    expect(report!.checks.find((c) => c.id === 'gke.regional')!.outcome).toBe('pass');
    // Every attempt's request was closed by the client soon after the timeout, not left hanging until the process
    // ended; and the attempts were retried (at most eight). The client's clock starts when the call is made, a
    // little before the request reaches the proxy (the event loop may be busy loading other clients), hence the
    // lower bound's margin.
    const hung = proxy!.hung();
    expect(hung.length).toBeGreaterThan(3);
    expect(hung.length).toBeLessThanOrEqual(8);
    for (const request of hung) {
      expect(request.closedAfterMs).toBeDefined();
      expect(request.closedAfterMs!).toBeGreaterThanOrEqual(600);
      expect(request.closedAfterMs!).toBeLessThan(4_000);
    }
  });

  it('a metadata server that hangs up on the first token requests: later calls ask again, and the audit is whole', async () => {
    // A shard among many on a loaded machine: the token's first requests go unanswered (the library gives up on
    // each after a few tries). The failure must not be kept as the run's credentials for every call after it.
    const reference = await auditThrough(/^$/, 'hang-up-first');
    await proxy?.close();
    await emulator?.stop();
    const { code, stderr, report } = await auditThrough(TOKEN, 'hang-up-first');
    expect(proxy!.requests()).toBe(HANG_UPS);
    expect(code, stderr).toBe(reference.code);
    const outcomes = (r: Report) => r.checks.map((c) => `${c.id} ${c.outcome}`);
    expect(outcomes(report!)).toEqual(outcomes(reference.report!));
    // The cloud's checks were read: not every check unverified alike in both runs.
    expect(report!.checks.find((c) => c.id === 'gke.regional')!.outcome).toBe('pass');
    expect(report!.checks.find((c) => c.id === 'sql.backups')?.outcome).toBe('pass');
  });

  it('GTP_REQUEST_TIMEOUT that is not a duration is bad input', async () => {
    const { code, stderr } = await gtp(['audit', '--project', 'acme-prod'], {
      env: { GTP_API_ENDPOINT: 'http://127.0.0.1:9', GTP_REQUEST_TIMEOUT: 'soon' },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('GTP_REQUEST_TIMEOUT must be a duration such as 30s or 500ms, got "soon"');
  });
});
