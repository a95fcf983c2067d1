import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgResult } from '../../src/org/result.js';
import { gtp, gtpEmulate, type EmulatorProcess } from '../helpers/cli.js';
import { DEMO_REPO } from '../helpers/live.js';
import { REGISTER, ROOT } from '../helpers/paths.js';
import { scratchDir } from '../helpers/scratch.js';

let emulator: EmulatorProcess | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

const ORG = ['--organization', '111111111111', '--repo', DEMO_REPO, '--register', REGISTER, '--source', 'api'];

/** A synthetic organization of `size` projects (in every 10: 4 as the seed, 2 drifted, 3 hardened, 1 denied). */
async function orgAudit(size: number, args: string[], emulateArgs: string[] = [], env: Record<string, string> = {}) {
  emulator = await gtpEmulate(['--synthetic-organization', String(size), ...emulateArgs]);
  return gtp(['audit', ...ORG, ...args], { env: { ...emulator.env, ...env } });
}

const validateReport = () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema/org-report.schema.json'), 'utf8')) as object;
  return new Ajv2020.default({ strict: false }).compile(schema);
};

describe('gtp audit --organization against a synthetic organization', () => {
  it('audits every project with one register: drift fails the run (exit 1), a denied read is unverified, never a pass', async () => {
    const { code, stdout, stderr } = await orgAudit(10, ['--format', 'json']);
    expect(code, stderr).toBe(1);
    const report = JSON.parse(stdout) as OrgResult;
    const validate = validateReport();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toEqual({ projects: 10, passed: 7, failed: 2, unverified: 1, withDrift: 2 });
    const gateOf = (id: string) => report.projects.find((p) => p.projectId === id)!.gate;
    expect(['syn-00004', 'syn-00005'].map(gateOf)).toEqual(['failed', 'failed']);
    const denied = report.projects.find((p) => p.projectId === 'syn-00009')!;
    expect(denied.gate).toBe('unverified');
    const sqlChecks = denied.checks.filter((c) => c.id.startsWith('sql.'));
    expect(sqlChecks.length).toBeGreaterThan(0);
    for (const check of sqlChecks) {
      expect(check.outcome).toBe('error');
      expect(check.error).toContain('cloudsql.instances.list');
    }
    // Each project sits in its folder; the state bucket, one for the organization, was read once.
    expect(report.projects.find((p) => p.projectId === 'syn-00006')!.path).toEqual([
      'organizations/111111111111',
      'folders/222222222222',
    ]);
    expect(report.requests.perApi['storage.googleapis.com']!.calls).toBe(10 + 1);
    expect(report.requests.perApi['billingbudgets.googleapis.com']!.calls).toBe(1);
    // Privileged Access Manager: each project's own entitlements, and each folder's and the organization's once for
    // the whole audit, however many projects sit below them.
    const ancestors = new Set(report.projects.flatMap((p) => p.path));
    expect(ancestors.size).toBeGreaterThan(2);
    expect(report.requests.perApi['privilegedaccessmanager.googleapis.com']!.calls).toBe(10 + ancestors.size);
    expect(stderr).toContain('10 projects: 7 passed, 2 failed, 1 could not be fully assessed');
  });

  it("Security Command Center is read once for the organization: each project's verdicts as its own lists give them", async () => {
    const whole = await orgAudit(10, ['--format', 'json']);
    expect(whole.code, whole.stderr).toBe(1);
    const projects = Array.from({ length: 10 }, (_, i) => `syn-0000${i}`).join(',');
    const listed = await gtp(
      ['audit', '--projects', projects, '--repo', DEMO_REPO, '--register', REGISTER, '--format', 'json'],
      { env: emulator!.env },
    );
    expect(listed.code, listed.stderr).toBe(1);
    const org = JSON.parse(whole.stdout) as OrgResult;
    const perProject = JSON.parse(listed.stdout) as OrgResult;
    // A list of projects reads each project's three lists; the organization reads three lists (one has two pages).
    expect(perProject.requests.perApi['securitycenter.googleapis.com']!.calls).toBe(30);
    expect(org.requests.perApi['securitycenter.googleapis.com']!.calls).toBeLessThanOrEqual(6);
    const verdicts = (r: OrgResult) =>
      r.projects.map((p) => ({ project: p.projectId, gate: p.gate, checks: p.checks }));
    expect(verdicts(org)).toEqual(verdicts(perProject));
    // The seed's projects have findings, the hardened ones none: each finding is in its own project only.
    const scc = (id: string) =>
      org.projects.find((p) => p.projectId === id)!.checks.find((c) => c.id === 'scc.vulnerability-findings')!;
    expect(scc('syn-00000')).toMatchObject({ outcome: 'fail', failing: 1 });
    expect(scc('syn-00006')).toMatchObject({ outcome: 'pass', failing: 0 });
  });

  it("the organization's findings list refused: each project's is read instead, said, with the same verdicts", async () => {
    const whole = JSON.parse((await orgAudit(10, ['--format', 'json'])).stdout) as OrgResult;
    await emulator!.stop();
    const refused = await orgAudit(10, ['--format', 'json'], ['--deny', '/v2/organizations/*/sources/*/findings']);
    expect(refused.code, refused.stderr).toBe(1);
    const warnings = refused.stderr.split('\n').filter((l) => l.includes('read project by project'));
    expect(warnings).toEqual([
      "gtp: warning: Security Command Center findings read project by project: the organization's list failed (permission denied: missing securitycenter.findings.list)",
    ]);
    const fallback = JSON.parse(refused.stdout) as OrgResult;
    expect(fallback.requests.perApi['securitycenter.googleapis.com']!.calls).toBeGreaterThanOrEqual(30);
    const verdicts = (r: OrgResult) =>
      r.projects.map((p) => ({ project: p.projectId, gate: p.gate, checks: p.checks }));
    expect(verdicts(fallback)).toEqual(verdicts(whole));
  });

  it('Markdown and HTML from one run: projects by folder, the widest failures, what could not be assessed', async () => {
    const dir = scratchDir('gtp-org-audit-');
    const { code, stderr } = await orgAudit(10, ['--formats', 'md,html,json', '--output-dir', dir]);
    expect(code, stderr).toBe(1);
    const md = readFileSync(join(dir, 'org-audit.md'), 'utf8');
    expect(md).toContain('### `organizations/111111111111` › production');
    expect(md).toMatch(/^\| `syn-00004` \| FAILED \|.*⚠️/m);
    expect(md).toContain('## Could not be assessed');
    expect(md).toContain('- `syn-00009` `sql.pitr`: sql.instances: permission denied: missing cloudsql.instances.list');
    const html = readFileSync(join(dir, 'org-audit.html'), 'utf8');
    expect(html).toContain('<tr data-project="syn-00004">');
    expect(html).toContain('<td class="gate failed">FAILED</td>');
    expect(JSON.parse(readFileSync(join(dir, 'org-audit.json'), 'utf8')).kind).toBe('organization');
  });

  it('SARIF and JUnit once per project beside the organization report, each its own code-scanning category', async () => {
    const dir = scratchDir('gtp-org-audit-');
    const { code, stderr } = await orgAudit(10, ['--formats', 'json,sarif,junit', '--output-dir', dir]);
    expect(code, stderr).toBe(1);
    const files = readdirSync(join(dir, 'projects')).sort();
    expect(files).toHaveLength(20);
    expect(files.slice(0, 2)).toEqual(['syn-00000.junit.xml', 'syn-00000.sarif']);
    // Nothing of the run's own is left beside them.
    expect(readdirSync(dir).sort()).toEqual(['org-audit.json', 'projects']);
    const sarifOf = (id: string) =>
      JSON.parse(readFileSync(join(dir, 'projects', `${id}.sarif`), 'utf8')) as {
        runs: { automationDetails: { id: string }; results: { ruleId: string; level: string }[] }[];
      };
    // A drifted project's failures, and a hardened one's none, in each project's own category.
    const drifted = sarifOf('syn-00004');
    expect(drifted.runs[0]!.automationDetails.id).toBe('gtp/audit/syn-00004/');
    expect(drifted.runs[0]!.results.some((r) => r.level === 'error')).toBe(true);
    expect(sarifOf('syn-00006').runs[0]!.results.filter((r) => r.level === 'error')).toEqual([]);
    // The denied project's SQL reads are errors in its test report, never passes.
    const junit = readFileSync(join(dir, 'projects', 'syn-00009.junit.xml'), 'utf8');
    expect(junit).toContain('hostname="syn-00009"');
    expect(junit).toMatch(
      /<error message="[^"]*could not be verified" type="unverified">[^<]*missing cloudsql\.instances\.list/,
    );
    // A second run replaces the set whole.
    const again = await gtp(['audit', ...ORG, '--formats', 'sarif', '--output-dir', dir], { env: emulator!.env });
    expect(again.code, again.stderr).toBe(1);
    expect(readdirSync(join(dir, 'projects'))).toHaveLength(10);
  });

  it('in GitHub Actions: an annotation per failing or unassessed project, and the organization in the job summary', async () => {
    const dir = scratchDir('gtp-org-audit-');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const { code, stdout, stderr } = await orgAudit(10, ['--formats', 'json', '--output-dir', dir], [], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(code, stderr).toBe(1);
    const annotations = stdout.trim().split('\n');
    expect(annotations).toHaveLength(3);
    expect(annotations[0]).toMatch(/^::error file=.*risks\.yaml,title=gtp gate syn-00004::syn-00004: drift: /);
    expect(annotations[2]).toMatch(/^::warning file=.*risks\.yaml,title=gtp unverified syn-00009::syn-00009: /);
    expect(readFileSync(summary, 'utf8')).toContain('## Could not be assessed');
  });

  it("--source asset-inventory: the same verdicts from a dozen Cloud Asset Inventory lists instead of each project's APIs", async () => {
    const api = JSON.parse((await orgAudit(10, ['--format', 'json'])).stdout) as OrgResult;
    await emulator!.stop();
    const dir = scratchDir('gtp-org-audit-');
    const run = ['--formats', 'json,md', '--output-dir', dir, '--source', 'asset-inventory'];
    const { code, stderr } = await orgAudit(10, run);
    expect(code, stderr).toBe(1);
    const assets = JSON.parse(readFileSync(join(dir, 'org-audit.json'), 'utf8')) as OrgResult;
    // The reader is told the inventory is a picture at one instant.
    expect(readFileSync(join(dir, 'org-audit.md'), 'utf8')).toContain(
      `read from Cloud Asset Inventory as of ${assets.collection.readTime}: a change made in the minutes before may not be in it`,
    );
    expect(validateReport()(assets)).toBe(true);
    expect(assets.collection.from).toBe('asset-inventory');
    expect(assets.collection.readTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    // One list per asset type for the organization; the APIs it covers are not called at all.
    expect(assets.requests.perApi['cloudasset.googleapis.com']!.calls).toBe(assets.collection.assetTypes.length);
    for (const api of ['sqladmin.googleapis.com', 'compute.googleapis.com'])
      expect(assets.requests.perApi[api], api).toBeUndefined();
    // Alert policies, notification channels, snoozes and Backup and DR vaults come from the inventory too.
    for (const covered of ['monitoring.googleapis.com', 'backupdr.googleapis.com'])
      expect(assets.requests.perApi[covered], covered).toBeUndefined();
    expect(api.requests.perApi['monitoring.googleapis.com']!.calls).toBe(3 * 10);
    expect(api.requests.perApi['backupdr.googleapis.com']!.calls).toBe(10);
    // Every verdict agrees, but for the project whose own Cloud SQL reads are refused: the organization's
    // inventory holds its instances, so they are judged instead of unverified.
    const verdicts = (r: OrgResult) =>
      r.projects.flatMap((p) => p.checks.map((c) => `${p.projectId} ${c.id} ${c.outcome} ${c.failing}`));
    const differing = verdicts(assets).filter((v) => !verdicts(api).includes(v));
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.every((v) => /^syn-00009 (sql|drill)\./.test(v))).toBe(true);
    expect(assets.summary).toEqual({ projects: 10, passed: 8, failed: 2, unverified: 0, withDrift: 2 });
  });

  it('an asset type Cloud Asset Inventory will not list: unverified in every project (strict), or read from the APIs (auto)', async () => {
    const denied = ['--deny-permission', 'cloudasset.assets.listResource'];
    const strict = await orgAudit(10, ['--format', 'json', '--source', 'asset-inventory'], denied);
    const report = JSON.parse(strict.stdout) as OrgResult;
    for (const project of report.projects) {
      const pitr = project.checks.find((c) => c.id === 'sql.pitr')!;
      expect(pitr.outcome).toBe('error');
      expect(pitr.error).toContain('cloudasset.assets.listResource');
    }
    expect(report.summary.passed).toBe(0);
    await emulator!.stop();
    const auto = await orgAudit(10, ['--format', 'json', '--source', 'auto'], denied);
    const fallback = JSON.parse(auto.stdout) as OrgResult;
    expect(fallback.collection.fellBack.map((f) => f.assetType)).toContain('sqladmin.googleapis.com/Instance');
    expect(auto.stderr).toContain(
      "sqladmin.googleapis.com/Instance: read from each project's API, since Cloud Asset Inventory could not list it",
    );
    // Read from the APIs, as --source api reads them: the denied project is unverified again, never passed.
    expect(fallback.summary).toEqual({ projects: 10, passed: 7, failed: 2, unverified: 1, withDrift: 2 });
  });

  it('rate quotas: refused calls are paced down to the limit Google names and retried; every verdict is the same', async () => {
    // The emulator allows 4 Cloud SQL reads a (half-second) minute; gtp starts from Google's default of 500.
    const { code, stdout, stderr } = await orgAudit(
      10,
      ['--format', 'json'],
      ['--quota', 'sqladmin.googleapis.com=4', '--quota-minute', '500'],
      { GTP_QUOTA_MINUTE_MS: '500' },
    );
    expect(code, stderr).toBe(1);
    const report = JSON.parse(stdout) as OrgResult;
    expect(report.summary).toEqual({ projects: 10, passed: 7, failed: 2, unverified: 1, withDrift: 2 });
    const sql = report.requests.quotas.find((q) => q.service === 'sqladmin.googleapis.com')!;
    expect(sql.rateLimited).toBeGreaterThan(0);
    expect(sql.perMinute).toBe(4);
    for (const project of report.projects)
      for (const check of project.checks) expect(check.error ?? '').not.toContain('rate quota');
  });

  it('a folder it may not list: exit 3, no report, never a smaller organization', async () => {
    const { code, stdout, stderr } = await orgAudit(10, [], ['--deny', '/v3/projects?parent=folders/310000000003']);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain('folders/310000000003: cannot list its projects: permission denied');
  });

  it('an API disabled in one project: its controls there are unverified, naming the API; every other project is judged', async () => {
    const { code, stdout, stderr } = await orgAudit(
      10,
      ['--format', 'json'],
      ['--disable', '/compute/v1/projects/syn-00003/**'],
    );
    expect(code, stderr).toBe(1);
    const report = JSON.parse(stdout) as OrgResult;
    expect(report.projects).toHaveLength(10);
    const armor = (id: string) =>
      report.projects.find((p) => p.projectId === id)!.checks.find((c) => c.id === 'armor.attached')!;
    expect(armor('syn-00003').outcome).toBe('error');
    expect(armor('syn-00003').error).toContain('compute.googleapis.com');
    expect(report.projects.find((p) => p.projectId === 'syn-00003')!.gate).toBe('unverified');
    // The same template one project along is judged as usual.
    expect(armor('syn-00002').outcome).toBe(armor('syn-00000').outcome);
    expect(armor('syn-00002').outcome).not.toBe('error');
  });

  it('bad input: a one-project option with many, a filter without a scope, a one-project format', async () => {
    const both = await gtp(['audit', '--organization', '1', '--project', 'acme-prod']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--project audits one project');
    const stray = await gtp(['audit', '--project', 'acme-prod', '--include', 'syn-*']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--include applies to many projects');
    const sarif = await gtp(['audit', '--organization', '1', '--format', 'sarif']);
    expect(sarif.code).toBe(2);
    expect(sarif.stderr).toContain('--format sarif is written once per project: use --formats sarif --output-dir DIR');
  });

  it('an override that names an unknown risk is bad input with its line and column', async () => {
    const dir = scratchDir('gtp-org-audit-');
    const register = readFileSync(REGISTER, 'utf8');
    writeFileSync(
      join(dir, 'risks.yaml'),
      `${register}\noverrides:\n  - folder: "222222222222"\n    attestations:\n      no-such-risk:\n        existing: { by: a, date: 2026-01-01, evidence: x, expires: 2027-01-01 }\n`,
    );
    const { code, stderr } = await gtp(['validate', join(dir, 'risks.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /risks\.yaml:\d+:\d+: overrides\.0\.attestations\.no-such-risk: unknown risk "no-such-risk"/,
    );
  });
});
