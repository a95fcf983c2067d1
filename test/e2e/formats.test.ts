import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gtp, gtpEmulate } from '../helpers/cli.js';
import { REFERENCE, ROOT, WORLDS } from '../helpers/paths.js';
import { CHROMIUM, needs, XMLLINT } from '../helpers/system-tools.js';
import { scratchDir } from '../helpers/scratch.js';

/** The demo's drill records: an old passing drill and a recent failed one. */
const DEMO_DRILLS = join(ROOT, 'examples/demo-drills');

const CI_FORMATS = join(REFERENCE, 'ci-formats');
const MULTITOOL = join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');

interface Report {
  risks: {
    id: string;
    status: string;
    drift: boolean;
    probability: number;
    impact: number;
    table: string;
    residualScore: number;
  }[];
  checks: { id: string; outcome: string; resources: { name: string; verdict: string }[] }[];
  changes?: {
    regressions: number;
    statusChanges: { risk: string; from: string; to: string; regression: boolean }[];
    newDrift: string[];
  };
}

/** Audits a world once, writing every format. */
async function auditAll(world: string, extra: string[] = [], env: Record<string, string> = {}) {
  const dir = scratchDir('gtp-formats-');
  const emulator = await gtpEmulate(['--world', join(WORLDS, world)]);
  try {
    const repo = join(ROOT, world === 'hardened.json' ? 'test/fixtures/repos/hardened' : 'examples/demo-repo');
    const run = await gtp(
      [
        'audit',
        '--project',
        'acme-prod',
        '--repo',
        repo,
        '--formats',
        'md,json,sarif,junit,html',
        '--output-dir',
        dir,
        ...extra,
      ],
      { env: { ...emulator.env, ...env } },
    );
    return { dir, run, json: JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8')) as Report };
  } finally {
    await emulator.stop();
  }
}

let reference: Awaited<ReturnType<typeof auditAll>>;
beforeAll(async () => {
  reference = await auditAll('reference-stack.json', ['--fail-above', '5', '--evidence', DEMO_DRILLS]);
}, 60_000);

const registerLines = readFileSync(join(ROOT, 'risks.yaml'), 'utf8').split('\n');

describe('SARIF 2.1.0', () => {
  it('validates against the OASIS schema', () => {
    const sarif = JSON.parse(readFileSync(join(reference.dir, 'audit.sarif'), 'utf8'));
    const schema = JSON.parse(readFileSync(join(CI_FORMATS, 'sarif-schema-2.1.0.json'), 'utf8'));
    const validate = new AjvDraft04.default({ allErrors: true, strict: false }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it("passes Microsoft's SARIF Multitool with no errors", () => {
    chmodSync(MULTITOOL, 0o755);
    const out = join(reference.dir, 'multitool.sarif');
    execFileSync(MULTITOOL, ['validate', join(reference.dir, 'audit.sarif'), '-o', out], {
      stdio: 'pipe',
      timeout: 60_000,
    });
    const findings = JSON.parse(readFileSync(out, 'utf8')).runs[0].results as { level?: string; ruleId: string }[];
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('one rule per check, one result per failing resource, each on the register line that names its check', () => {
    const sarif = JSON.parse(readFileSync(join(reference.dir, 'audit.sarif'), 'utf8'));
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(reference.json.checks.map((c) => c.id));
    const failing = reference.json.checks.flatMap((c) =>
      c.outcome === 'fail' ? c.resources.filter((r) => r.verdict === 'fail').map((r) => `${c.id}/${r.name}`) : [],
    );
    expect(
      run.results.map(
        (r: { ruleId: string; locations: { logicalLocations: { name: string }[] }[] }) =>
          `${r.ruleId}/${r.locations[0]!.logicalLocations[0]!.name}`,
      ),
    ).toEqual(failing);
    for (const result of run.results) {
      const line = result.locations[0].physicalLocation.region.startLine;
      expect(registerLines[line - 1], result.ruleId).toContain(result.ruleId);
    }
  });

  it('errors for what the gate fails on, warnings otherwise, and fingerprints stable across runs', async () => {
    const sarif = JSON.parse(readFileSync(join(reference.dir, 'audit.sarif'), 'utf8'));
    const levels = Object.fromEntries(
      sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
    );
    // --fail-above 5: quota exhaustion (6) fails the gate; insider threat (4) does not.
    expect(levels['monitoring.quota-alert']).toBe('error');
    expect(levels['iam.data-access-logs']).toBe('warning');
    const again = await auditAll('reference-stack.json', ['--fail-above', '5', '--evidence', DEMO_DRILLS]);
    const prints = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'audit.sarif'), 'utf8')).runs[0].results.map(
        (r: { partialFingerprints: object }) => r.partialFingerprints,
      );
    expect(prints(again.dir)).toEqual(prints(reference.dir));
  });
});

describe('JUnit XML', () => {
  needs(XMLLINT);
  it('validates against the JUnit schema with xmllint, a suite per table and a case per risk', () => {
    const file = join(reference.dir, 'audit.junit.xml');
    const lint = spawnSync('xmllint', ['--noout', '--schema', join(CI_FORMATS, 'JUnit.xsd'), file], {
      encoding: 'utf8',
    });
    expect(lint.status, lint.stderr).toBe(0);
    const xml = readFileSync(file, 'utf8');
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml.match(/<testcase /g)).toHaveLength(18);
    const unmitigated = reference.json.risks.filter((r) => r.status === 'unmitigated').length;
    expect(xml.match(/<failure /g)?.length).toBeGreaterThanOrEqual(unmitigated);
    // Declared risks skip, unless their score fails the gate (--fail-above 5), which is a failure.
    expect(xml.match(/<skipped /g)).toHaveLength(
      reference.json.risks.filter((r) => r.status === 'declared' && r.residualScore <= 5).length,
    );
  });
});

describe('HTML report in a real browser', () => {
  const tools = needs(CHROMIUM);
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  beforeAll(async () => {
    if (!tools.ready) return;
    browser = await chromium.launch({
      executablePath: tools.path(CHROMIUM),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  it('heat map cells hold the risks of the JSON report, every failing control is listed, and it needs no network', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${join(reference.dir, 'audit.html')}`);
    for (const p of [0.5, 1, 2, 3]) {
      for (const i of [1, 2, 3, 4]) {
        const expected = reference.json.risks.filter((r) => r.probability === p && r.impact === i).length;
        expect(
          await page.locator(`td.cell[data-probability="${p}"][data-impact="${i}"] .risk.inherent`).count(),
          `cell ${p}×${i}`,
        ).toBe(expected);
      }
    }
    for (const check of reference.json.checks.filter((c) => c.outcome === 'fail')) {
      expect(
        await page.locator(`details.control[data-check="${check.id}"][data-check-outcome="fail"]`).count(),
        check.id,
      ).toBeGreaterThan(0);
    }
    const drills = (reference.json as unknown as { restoreDrills: { drills: { outcome: string }[] } }).restoreDrills
      .drills;
    expect(drills.map((d) => d.outcome)).toEqual(['failed', 'passed']);
    expect(await page.locator('#drills tbody tr').count()).toBe(drills.length);
    expect(await page.locator('#drills tbody tr').first().textContent()).toContain('latest schema migration');
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-artifacts/report.png'), fullPage: true });
  });
});

describe('GitHub Actions', () => {
  it('annotates the register line of each gate failure and appends the summary', async () => {
    const summary = join(scratchDir('gtp-gh-'), 'summary.md');
    writeFileSync(summary, '');
    const { run } = await auditAll('drifted.json', [], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(run.code).toBe(1);
    const line = registerLines.findIndex((l) => l.includes('- id: ddos-web-attacks')) + 1;
    expect(run.stdout).toContain(
      `::error file=risks.yaml,line=${line},title=gtp gate::drift: ddos-web-attacks is declared mitigated but its existing mitigation fails`,
    );
    expect(readFileSync(summary, 'utf8')).toContain('## Evidence');
  });
});

describe('baseline', () => {
  it('shows regressions since the previous report, and --fail-on regression fails on them', async () => {
    const baseline = join(reference.dir, 'audit.json');
    const drifted = await auditAll('drifted.json', ['--baseline', baseline]);
    expect(drifted.json.changes!.newDrift).toEqual([
      'single-zone-failure',
      'terraform-state-conflict',
      'ddos-web-attacks',
    ]);
    expect(drifted.json.changes!.statusChanges).toContainEqual({
      risk: 'ddos-web-attacks',
      from: 'mitigated',
      to: 'unmitigated',
      regression: true,
    });
    expect(readFileSync(join(drifted.dir, 'audit.md'), 'utf8')).toContain('## Changes since');
    const gated = await auditAll('hardened.json', [
      '--baseline',
      join(drifted.dir, 'audit.json'),
      '--fail-on',
      'regression',
    ]);
    expect(gated.json.changes!.regressions).toBe(0);
    expect(gated.run.code).toBe(0);
    const regressed = await auditAll('reference-stack.json', [
      '--baseline',
      join(gated.dir, 'audit.json'),
      '--fail-on',
      'regression',
    ]);
    expect(regressed.run.code).toBe(1);
    expect(regressed.run.stderr).toContain('regression:');
  });

  it('a baseline that is not a gtp report is bad input', async () => {
    const bad = join(scratchDir('gtp-bad-'), 'old.json');
    writeFileSync(bad, '{"hello": 1}');
    const { code, stderr } = await gtp(['audit', '--snapshot', join(WORLDS, 'bare.json'), '--baseline', bad]);
    expect(code).toBe(2);
    expect(stderr).toContain('not a gtp JSON report');
  });
});
