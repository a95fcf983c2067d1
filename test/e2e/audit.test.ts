import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gtp, gtpEmulate, type EmulatorProcess } from '../helpers/cli.js';
import { recentDrillEvidence } from '../helpers/drill-records.js';
import { ROOT, WORLDS } from '../helpers/paths.js';
import { systemClock } from '../../src/util/clock.js';
import { scratchDir } from '../helpers/scratch.js';

interface Report {
  source: string;
  risks: { id: string; status: string; drift: boolean; residualScore: number }[];
  checks: {
    id: string;
    outcome: string;
    error?: string;
    resources: { name: string; verdict: string; detail: string }[];
  }[];
}

let emulator: EmulatorProcess | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

/** The application repository the repository probes read with each world. */
const REPOS: Record<string, string> = { 'hardened.json': join(ROOT, 'test/fixtures/repos/hardened') };
const repoFor = (world: string) => REPOS[world] ?? join(ROOT, 'examples/demo-repo');
/** A hardened project also drills its restores: a passing drill of orders-db yesterday. */
const evidenceFor = (world: string) =>
  world === 'hardened.json' ? ['--evidence', recentDrillEvidence(systemClock.now())] : [];

async function auditAgainst(world: string, emulateArgs: string[] = [], auditArgs: string[] = []) {
  emulator = await gtpEmulate(['--world', join(WORLDS, world), ...emulateArgs]);
  const result = await gtp(
    [
      'audit',
      '--project',
      'acme-prod',
      '--format',
      'json',
      '--repo',
      repoFor(world),
      ...evidenceFor(world),
      ...auditArgs,
    ],
    { env: emulator.env },
  );
  return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as Report) : undefined };
}

const outcomes = (r: Report) => Object.fromEntries(r.checks.map((c) => [c.id, c.outcome]));
const status = (r: Report, id: string) => r.risks.find((x) => x.id === id)!.status;

describe('gtp audit against gtp emulate (subprocesses, official clients over loopback)', () => {
  it("reference stack: the seed's statuses, gate passes", async () => {
    const { code, report, stderr } = await auditAgainst('reference-stack.json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(report!.source).toBe('live');
    expect(outcomes(report!)).toMatchObject({
      'sql.pitr': 'pass',
      'sql.deletion-protection': 'fail',
      'billing.budget': 'fail',
      'armor.attached': 'pass',
    });
    expect(status(report!, 'ddos-web-attacks')).toBe('mitigated');
    expect(status(report!, 'billing-spike')).toBe('unmitigated');
  });

  it('hardened stack: every check passes', async () => {
    const { code, report } = await auditAgainst('hardened.json');
    expect(code).toBe(0);
    expect(new Set(Object.values(outcomes(report!)))).toEqual(new Set(['pass']));
    expect(status(report!, 'billing-spike')).toBe('mitigated');
  });

  it('hardened stack plus attestations for what no probe sees: every risk verified or attested', async () => {
    const dir = scratchDir('gtp-attest-');
    const register = join(dir, 'risks.yaml');
    writeFileSync(register, readFileSync(join(WORLDS, '../../risks.yaml'), 'utf8'));
    const unprobed = ['sensitive-data-leakage', 'cloud-provider-failure'];
    for (const risk of unprobed) {
      const attest = await gtp([
        'attest',
        risk,
        '--by',
        'platform lead',
        '--evidence',
        `https://wiki.example/risks/${risk}`,
        '--expires',
        '2099-12-31',
        '--register',
        register,
      ]);
      expect(attest.code, attest.stderr).toBe(0);
    }
    const { code, report } = await auditAgainst('hardened.json', [], ['--register', register]);
    expect(code).toBe(0);
    const statuses = Object.fromEntries(report!.risks.map((r) => [r.id, r.status]));
    expect(Object.entries(statuses).filter(([, s]) => s !== 'mitigated' && s !== 'attested')).toEqual([]);
    expect(unprobed.every((id) => statuses[id] === 'attested')).toBe(true);
  });

  it('bare project: only what always applies fails, and the named state bucket is missing: drift', async () => {
    const { code, report, stderr } = await auditAgainst('bare.json', [], ['--repo', scratchDir('gtp-empty-repo-')]);
    const failing = Object.entries(outcomes(report!))
      .filter(([, o]) => o !== 'not-applicable')
      .map(([id, o]) => `${id}:${o}`);
    // Quotas and audit logs concern every project; the register names a state bucket that does not exist.
    expect(failing.sort()).toEqual([
      'iam.data-access-logs:fail',
      'monitoring.quota-alert:fail',
      'storage.state-bucket:fail',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('drift: terraform-state-conflict');
  });

  it('drifted world: every contradicted ✅ is drift, exit 1', async () => {
    const { code, report } = await auditAgainst('drifted.json');
    expect(code).toBe(1);
    expect(report!.risks.filter((r) => r.drift).map((r) => r.id)).toEqual([
      'single-zone-failure',
      'terraform-state-conflict',
      'ddos-web-attacks',
    ]);
  });

  it('one item a page: identical results', async () => {
    const whole = await auditAgainst('reference-stack.json');
    await emulator!.stop();
    const paged = await auditAgainst('reference-stack.json', ['--page-size', '1']);
    expect(paged.report!.checks).toEqual(whole.report!.checks);
  });

  it('30% of requests failing with 503: identical results thanks to retries', async () => {
    const whole = await auditAgainst('reference-stack.json');
    await emulator!.stop();
    const flaky = await auditAgainst('reference-stack.json', ['--fail-rate', '0.3', '--seed', '42']);
    expect(flaky.code, flaky.stderr).toBe(0);
    expect(flaky.report!.checks).toEqual(whole.report!.checks);
  });

  it('budgets denied: that check errors, its risk is unverified, exit 3, the rest unaffected', async () => {
    const { code, report, stderr } = await auditAgainst('reference-stack.json', [
      '--deny',
      '/v1/billingAccounts/*/budgets',
    ]);
    expect(code).toBe(3);
    expect(stderr).toContain(
      'unverified: billing.budget: billing.budgets: permission denied: missing billing.budgets.list',
    );
    expect(outcomes(report!)['billing.budget']).toBe('error');
    expect(status(report!, 'billing-spike')).toBe('unverified');
    expect(outcomes(report!)).toMatchObject({
      'sql.pitr': 'pass',
      'armor.attached': 'pass',
      'scanning.vulnerability-scanning': 'fail',
    });
  });

  it('a cluster whose API server refuses the caller (RBAC) leaves the workload checks unverified, naming why', async () => {
    const { code, report } = await auditAgainst('hardened.json', ['--deny', '/k8s/**']);
    expect(code).toBe(3);
    const argocd = report!.checks.find((c) => c.id === 'k8s.argocd')!;
    expect(argocd.outcome).toBe('error');
    expect(argocd.error).toContain('cluster prod: permission denied');
    expect(status(report!, 'manual-config-drift')).toBe('unverified');
    expect(outcomes(report!)['gke.regional']).toBe('pass');
  });

  it('a declared mitigation the cloud contradicts is drift: exit 1', async () => {
    const dir = scratchDir('gtp-drift-');
    const world = readFileSync(join(WORLDS, 'reference-stack.json'), 'utf8').replace(
      /"securityPolicy": "[^"]+",\n\s*/,
      '',
    );
    writeFileSync(join(dir, 'world.json'), world);
    emulator = await gtpEmulate(['--world', join(dir, 'world.json')]);
    const { code, stdout, stderr } = await gtp(
      ['audit', '--project', 'acme-prod', '--repo', repoFor('reference-stack.json')],
      { env: emulator.env },
    );
    expect(code).toBe(1);
    expect(stderr).toContain('drift: ddos-web-attacks');
    expect(stdout).toContain('**DRIFT**');
    expect(stdout).toContain('❌ `web-backend`: global: loadBalancingScheme=EXTERNAL_MANAGED, securityPolicy=none');
  });

  it('--fail-above gates on residual scores', async () => {
    const { code, stderr } = await auditAgainst('reference-stack.json', [], ['--fail-above', '5']);
    expect(code).toBe(1);
    expect(stderr).toContain('score: manual-config-drift has residual score 6 > 5');
    // Its verified canary lowered Bad Deployment from 9 (3 × 3) to 6 (3 × 2).
    expect(stderr).toContain('score: bad-deployment has residual score 6 > 5');
  });

  it('snapshot, then audit the snapshot offline with no endpoint at all', async () => {
    const dir = scratchDir('gtp-snap-');
    const snapshotFile = join(dir, 'snapshot.json');
    emulator = await gtpEmulate(['--world', join(WORLDS, 'reference-stack.json')]);
    const snap = await gtp(['snapshot', '--project', 'acme-prod', '-o', snapshotFile], { env: emulator.env });
    expect(snap.code).toBe(0);
    const live = await gtp(
      ['audit', '--project', 'acme-prod', '--format', 'json', '--repo', repoFor('reference-stack.json')],
      { env: emulator.env },
    );
    await emulator.stop();
    emulator = undefined;
    const offline = await gtp([
      'audit',
      '--snapshot',
      snapshotFile,
      '--format',
      'json',
      '--repo',
      repoFor('reference-stack.json'),
    ]);
    expect(offline.code).toBe(0);
    const report = JSON.parse(offline.stdout) as Report;
    expect(report.source).toBe('snapshot');
    expect(report.checks).toEqual((JSON.parse(live.stdout) as Report).checks);
  });

  it('a snapshot records when it was taken', async () => {
    const dir = scratchDir('gtp-snap-');
    const snapshotFile = join(dir, 'snapshot.json');
    emulator = await gtpEmulate(['--world', join(WORLDS, 'hardened.json')]);
    const before = Date.now();
    expect((await gtp(['snapshot', '--project', 'acme-prod', '-o', snapshotFile], { env: emulator.env })).code).toBe(0);
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Record<string, unknown>;
    const captured = Date.parse(snapshot.$capturedAt as string);
    expect(captured).toBeGreaterThanOrEqual(before - 1000);
    expect(captured).toBeLessThanOrEqual(Date.now());
    // The hardened world's finding was two days old when the world was captured; served today, it still is.
    const findings = Object.entries(snapshot).flatMap(([key, value]) =>
      key.includes('/findings') ? (value as { finding: { name: string; createTime: string } }[]) : [],
    );
    const high = findings.find((f) => f.finding.name.endsWith('/findings/h1'))!;
    expect((captured - Date.parse(high.finding.createTime)) / 86_400_000).toBeCloseTo(2.17, 1);
  });

  it('an old snapshot is judged as of its capture, unless --as-of says otherwise', async () => {
    // The hardened world is a snapshot taken 2026-11-26T12:00Z whose HIGH finding was created 2026-11-24T08:00Z:
    // inside the 7-day grace period then, outside it from 2026-12-01T08:00Z on.
    const snapshot = join(WORLDS, 'hardened.json');
    const audit = async (...args: string[]) => {
      const { code, stdout, stderr } = await gtp(['audit', '--snapshot', snapshot, '--format', 'json', ...args]);
      return {
        code,
        stderr,
        report: stdout
          ? (JSON.parse(stdout) as Report & { asOf: { time: string; basis: string; capturedAt?: string } })
          : undefined,
      };
    };
    const atCapture = await audit();
    expect(outcomes(atCapture.report!)['scc.vulnerability-findings']).toBe('pass');
    expect(atCapture.report!.asOf).toEqual({
      time: '2026-11-26T12:00:00.000Z',
      basis: 'capture',
      capturedAt: '2026-11-26T12:00:00.000Z',
    });

    const given = await audit('--as-of', '2026-12-20T00:00:00Z');
    expect(outcomes(given.report!)['scc.vulnerability-findings']).toBe('fail');
    expect(given.report!.asOf).toMatchObject({ time: '2026-12-20T00:00:00.000Z', basis: 'given' });
    expect(outcomes((await audit('--as-of', '2026-11-30T00:00:00+02:00')).report!)['scc.vulnerability-findings']).toBe(
      'pass',
    );

    const today = await audit('--as-of', 'now');
    expect(outcomes(today.report!)['scc.vulnerability-findings']).toBe('fail');
    expect(today.report!.asOf.basis).toBe('now');

    const md = await gtp(['audit', '--snapshot', snapshot]);
    expect(md.stdout).toContain('Judged as of 2026-11-26T12:00:00.000Z (when the snapshot was taken)');

    for (const [args, message] of [
      [['--as-of', 'yesterday'], '--as-of takes capture, now or an RFC 3339 time'],
      [['--as-of', '2026-11-26'], '--as-of takes capture, now or an RFC 3339 time'],
    ] as const) {
      const bad = await audit(...args);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(message);
    }
    const live = await gtp(['audit', '--demo', '--as-of', 'now']);
    expect(live.code).toBe(2);
    expect(live.stderr).toContain('--as-of applies to --snapshot');
  });

  it('a snapshot without a capture time is judged as of now, and says so', async () => {
    const dir = scratchDir('gtp-snap-');
    const file = join(dir, 'old.json');
    const world = JSON.parse(readFileSync(join(WORLDS, 'hardened.json'), 'utf8')) as Record<string, unknown>;
    delete world.$capturedAt;
    writeFileSync(file, JSON.stringify(world));
    const { stdout, stderr } = await gtp(['audit', '--snapshot', file, '--format', 'json']);
    expect(stderr).toContain('records no capture time ($capturedAt); judged as of now');
    expect((JSON.parse(stdout) as { asOf: { basis: string } }).asOf.basis).toBe('now');
    const strict = await gtp(['audit', '--snapshot', file, '--as-of', 'capture']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('records no capture time');
  });

  it('a snapshot keeps what it could not read as an error', async () => {
    const dir = scratchDir('gtp-snap-');
    const snapshotFile = join(dir, 'snapshot.json');
    emulator = await gtpEmulate([
      '--world',
      join(WORLDS, 'reference-stack.json'),
      '--deny',
      '/v1/projects/*/instances',
    ]);
    const snap = await gtp(['snapshot', '--project', 'acme-prod', '-o', snapshotFile], { env: emulator.env });
    expect(snap.code).toBe(3);
    const offline = await gtp(['audit', '--snapshot', snapshotFile, '--format', 'json']);
    expect(offline.code).toBe(3);
    expect(outcomes(JSON.parse(offline.stdout) as Report)['sql.pitr']).toBe('error');
  });

  it('--demo needs no account and no endpoint', async () => {
    const { code, stdout } = await gtp(['audit', '--demo']);
    expect(code).toBe(0);
    expect(stdout).toContain('## Evidence');
    expect(stdout).toContain('#### `sql.pitr`: ✅ pass');
  });

  it('no project is a usage error', async () => {
    const { code, stderr } = await gtp(['audit']);
    expect(code).toBe(2);
    expect(stderr).toContain('no project');
  });
});
