import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gtp, gtpEmulate, type EmulatorProcess } from '../helpers/cli.js';
import { ROOT, WORLDS } from '../helpers/paths.js';
import { checkTerraform } from '../helpers/terraform-schema.js';
import { scratchDir } from '../helpers/scratch.js';

const REGISTER = join(ROOT, 'examples/guardrails/risks.yaml');
const GUARDRAIL_CHECKS = [
  'guardrail.binauthz-enforced',
  'guardrail.sql-deletion-protection',
  'guardrail.sql-high-availability',
];

interface Report {
  checks: {
    id: string;
    outcome: string;
    resources: { detail: string }[];
    prevention?: { check: string; outcome: string; detail: string };
  }[];
}

let emulator: EmulatorProcess | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

/** The guardrail register audited over a world, offline (snapshot) or live through the emulator. */
async function audit(world: string, how: 'snapshot' | 'live'): Promise<{ report: Report; file: string }> {
  const dir = scratchDir('gtp-guardrails-');
  const file = join(dir, 'audit.json');
  const common = ['--register', REGISTER, '--project', 'acme-prod', '--repo', join(ROOT, 'examples/demo-repo')];
  const output = ['--format', 'json', '-o', file];
  if (how === 'live') emulator = await gtpEmulate(['--world', join(WORLDS, world)]);
  const run = await gtp(
    ['audit', ...(how === 'snapshot' ? ['--snapshot', join(WORLDS, world)] : []), ...common, ...output],
    emulator ? { env: emulator.env } : {},
  );
  expect([0, 1, 3], run.stderr).toContain(run.code);
  return { report: JSON.parse(readFileSync(file, 'utf8')) as Report, file };
}

const outcomes = (report: Report) =>
  Object.fromEntries(report.checks.filter((c) => c.id.startsWith('guardrail.')).map((c) => [c.id, c.outcome]));

describe('guardrails read from the organization and written for each failing control', () => {
  it('live: enforced custom constraints above the project pass each guardrail, through the official REST path', async () => {
    const { report } = await audit('hardened.json', 'live');
    expect(outcomes(report)).toEqual(Object.fromEntries(GUARDRAIL_CHECKS.map((id) => [id, 'pass'])));
    const binauthz = report.checks.find((c) => c.id === 'guardrail.binauthz-enforced')!;
    expect(binauthz.resources[0]!.detail).toContain('custom.requireBinaryAuthorization (DENY on CREATE, UPDATE)');
  });

  it('an organization with none fails each one; the guardrails are written in dry-run, then enforced', async () => {
    const { report, file } = await audit('drifted.json', 'snapshot');
    expect(outcomes(report)).toEqual(Object.fromEntries(GUARDRAIL_CHECKS.map((id) => [id, 'fail'])));

    for (const enforce of [false, true]) {
      const out = scratchDir('gtp-guardrails-tf-');
      const run = await gtp(['terraform', 'guardrails', '--from', file, '-o', out, ...(enforce ? ['--enforce'] : [])]);
      expect(run.code, run.stderr).toBe(0);
      expect(readdirSync(out).sort()).toEqual(GUARDRAIL_CHECKS.map((id) => `${id}.tf`));
      for (const name of readdirSync(out)) {
        const text = readFileSync(join(out, name), 'utf8');
        expect((await checkTerraform(name, text)).problems, name).toEqual([]);
        expect(text).toContain('parent         = "organizations/111111111111"');
        expect(text).toMatch(enforce ? /\n {2}spec \{/ : /\n {2}dry_run_spec \{/);
      }
    }
  });

  it('each guarded check carries its guardrail beside it, in JSON, Markdown and HTML, its own outcome unchanged', async () => {
    const { report } = await audit('drifted.json', 'snapshot');
    const guarded = report.checks.find((c) => c.id === 'sql.deletion-protection')!;
    expect(guarded.prevention).toEqual({
      check: 'guardrail.sql-deletion-protection',
      outcome: 'fail',
      detail: 'organizations/111111111111 defines no custom constraint on sqladmin.googleapis.com/Instance',
    });
    const hardened = await audit('hardened.json', 'snapshot');
    const passing = hardened.report.checks.find((c) => c.id === 'sql.deletion-protection')!;
    expect([passing.outcome, passing.prevention?.outcome]).toEqual(['pass', 'pass']);
    const args = [
      'audit',
      '--snapshot',
      join(WORLDS, 'drifted.json'),
      '--register',
      REGISTER,
      '--project',
      'acme-prod',
    ];
    const markdown = await gtp([...args, '--format', 'md']);
    expect(markdown.stdout).toContain(
      'Prevention (`guardrail.sql-deletion-protection`): not guarded: organizations/111111111111 defines no custom constraint',
    );
    const html = await gtp([...args, '--format', 'html']);
    expect(html.stdout).toMatch(
      /<p class="prevention" data-prevention="fail">Prevention \(<code>guardrail\.sql-deletion-protection<\/code>\)/,
    );
  });

  it('nothing is written where every guardrail is in force', async () => {
    const { file } = await audit('hardened.json', 'snapshot');
    const out = scratchDir('gtp-guardrails-tf-');
    const run = await gtp(['terraform', 'guardrails', '--from', file, '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('nothing to write');
    expect(readdirSync(out)).toEqual([]);
  });
});
