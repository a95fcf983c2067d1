import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gtp, gtpEmulate, type EmulatorProcess } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';
import { scratchDir } from '../helpers/scratch.js';

const REGISTER = join(ROOT, 'examples/probes/risks.yaml');
const WORLDS = join(ROOT, 'examples/probes/worlds');
const PROBES = [
  'example.bucket-uniform-access',
  'example.sql-maintenance-window',
  'example.gke-release-channel',
  'example.gke-workload-identity',
  'example.firewall-internet-http-only',
  'example.uptime-check',
  'example.log-bucket-retention',
  'example.build-trigger-approval',
];

interface Report {
  checks: {
    id: string;
    title: string;
    outcome: string;
    error?: string;
    resources: { name: string; verdict: string }[];
  }[];
}

let emulator: EmulatorProcess | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

/** A live audit of the starter register through the emulator, every list one item a page. */
async function live(world: string, emulateArgs: string[] = [], args: string[] = ['--format', 'json']) {
  emulator = await gtpEmulate(['--world', world, '--page-size', '1', ...emulateArgs]);
  const run = await gtp(['audit', '--register', REGISTER, '--project', 'acme-prod', ...args], { env: emulator.env });
  return { ...run, report: args.includes('json') && run.stdout ? (JSON.parse(run.stdout) as Report) : undefined };
}
const outcomes = (report: Report) => Object.fromEntries(report.checks.map((c) => [c.id, c.outcome]));

describe('probes as data, end to end: the official clients read every page of any Google list from the emulator', () => {
  it('the starter register passes where its controls are in place and fails where they are not, each resource named', async () => {
    const pass = await live(join(WORLDS, 'pass.json'));
    expect(pass.code, pass.stderr).toBe(0);
    expect(outcomes(pass.report!)).toEqual(Object.fromEntries(PROBES.map((id) => [id, 'pass'])));
    await emulator!.stop();
    const fail = await live(join(WORLDS, 'fail.json'));
    expect(fail.code).toBe(1);
    expect(outcomes(fail.report!)).toEqual(Object.fromEntries(PROBES.map((id) => [id, 'fail'])));
    const firewall = fail.report!.checks.find((c) => c.id === 'example.firewall-internet-http-only')!;
    expect(firewall.resources).toEqual([expect.objectContaining({ name: 'allow-ssh', verdict: 'fail' })]);
  });

  it('in every format: Markdown, JSON, SARIF rules, JUnit, HTML', async () => {
    const dir = scratchDir('gtp-probes-formats-');
    const run = await live(
      join(WORLDS, 'fail.json'),
      [],
      ['--formats', 'md,json,sarif,junit,html', '--output-dir', dir],
    );
    expect(run.code, run.stderr).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(
      ['audit.html', 'audit.json', 'audit.junit.xml', 'audit.md', 'audit.sarif'].sort(),
    );
    for (const file of readdirSync(dir))
      expect(readFileSync(join(dir, file), 'utf8'), file).toContain('example.uptime-check');
    const sarif = JSON.parse(readFileSync(join(dir, 'audit.sarif'), 'utf8')) as {
      runs: { tool: { driver: { rules: { id: string }[] } } }[];
    };
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(expect.arrayContaining(PROBES));
  });

  it('a refused list, a disabled API and a list that says it is partial leave their probes unverified (exit 3), never pass', async () => {
    const world = JSON.parse(readFileSync(join(WORLDS, 'pass.json'), 'utf8')) as Record<string, unknown>;
    const file = join(scratchDir('gtp-probes-partial-'), 'world.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...world,
        $partial: {
          'container.googleapis.com/v1/projects/acme-prod/locations/-/clusters': { missingZones: ['us-east1-b'] },
        },
      }),
    );
    const run = await live(file, [
      '--deny',
      '/v3/projects/acme-prod/uptimeCheckConfigs',
      '--disable',
      '/v2/projects/acme-prod/locations/-/buckets',
    ]);
    expect(run.code, run.stderr).toBe(3);
    const byId = new Map(run.report!.checks.map((c) => [c.id, c]));
    expect(byId.get('example.uptime-check')).toMatchObject({ outcome: 'error' });
    expect(byId.get('example.uptime-check')!.error).toContain('monitoring.uptimeCheckConfigs.list');
    expect(byId.get('example.log-bucket-retention')).toMatchObject({ outcome: 'error' });
    expect(byId.get('example.gke-release-channel')!.error).toContain('missing zones us-east1-b');
    expect(byId.get('example.bucket-uniform-access')!.outcome).toBe('pass');
  });

  it('gtp iam role and gtp doctor name each probe and the permission and API its lists need', async () => {
    const role = await gtp(['iam', 'role', '--register', REGISTER, '--project', 'acme-prod']);
    expect(role.code, role.stderr).toBe(0);
    for (const permission of ['monitoring.uptimeCheckConfigs.list', 'logging.buckets.list', 'compute.firewalls.list'])
      expect(role.stdout).toContain(permission);
    emulator = await gtpEmulate(['--world', join(WORLDS, 'pass.json')]);
    const doctor = await gtp(['doctor', '--register', REGISTER, '--project', 'acme-prod', '--format', 'json'], {
      env: emulator.env,
    });
    const diagnosis = JSON.parse(doctor.stdout) as { checks: { check: string }[] };
    expect(diagnosis.checks.map((c) => c.check).sort()).toEqual([...PROBES].sort());
  });

  it('a snapshot keeps what the probes read, and the offline audit judges it the same', async () => {
    emulator = await gtpEmulate(['--world', join(WORLDS, 'fail.json')]);
    const snapshot = join(scratchDir('gtp-probes-snap-'), 'snapshot.json');
    const snap = await gtp(['snapshot', '--register', REGISTER, '--project', 'acme-prod', '-o', snapshot], {
      env: emulator.env,
    });
    expect([0, 3]).toContain(snap.code);
    expect(Object.keys(JSON.parse(readFileSync(snapshot, 'utf8')) as object)).toContain(
      'logging.googleapis.com/v2/projects/acme-prod/locations/-/buckets',
    );
    const offline = await gtp(['audit', '--register', REGISTER, '--snapshot', snapshot, '--format', 'json']);
    expect(outcomes(JSON.parse(offline.stdout) as Report)).toEqual(
      Object.fromEntries(PROBES.map((id) => [id, 'fail'])),
    );
  });

  it('gtp terraform fix writes a probe’s own remediation as advice', async () => {
    const dir = scratchDir('gtp-probes-fix-');
    const report = join(dir, 'audit.json');
    const audit = await gtp([
      'audit',
      '--register',
      REGISTER,
      '--snapshot',
      join(WORLDS, 'fail.json'),
      '--project',
      'acme-prod',
      '-f',
      'json',
      '-o',
      report,
    ]);
    expect(audit.code, audit.stderr).toBe(1);
    const fix = await gtp(['terraform', 'fix', '--from', report, '-o', join(dir, 'fixes')]);
    expect(fix.code, fix.stderr).toBe(0);
    expect(readFileSync(join(dir, 'fixes', 'example.uptime-check.tf'), 'utf8')).toContain('Create an uptime check');
  });
});
