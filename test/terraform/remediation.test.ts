import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gtp } from '../helpers/cli.js';
import { recentDrillEvidence } from '../helpers/drill-records.js';
import { ROOT, WORLDS } from '../helpers/paths.js';
import { checkTerraform } from '../helpers/terraform-schema.js';
import { TEST_NOW } from '../helpers/clock.js';
import { needs, TERRAFORM } from '../helpers/system-tools.js';
import { scratchDir } from '../helpers/scratch.js';

const GOLDEN = join(ROOT, 'test/golden/remediation-reference');

/** Audits a world offline and writes the remediation for it. */
async function fixFor(world: string, extra: string[] = []): Promise<string> {
  const dir = scratchDir('gtp-fix-');
  const repo = join(ROOT, world === 'hardened.json' ? 'test/fixtures/repos/hardened' : 'examples/demo-repo');
  // The world is audited as a snapshot, judged as of its capture: the drill evidence is dated from then.
  const evidence = world === 'hardened.json' ? ['--evidence', recentDrillEvidence(TEST_NOW)] : [];
  const audit = await gtp([
    'audit',
    '--snapshot',
    join(WORLDS, world),
    '--project',
    'acme-prod',
    '--repo',
    repo,
    ...evidence,
    '--format',
    'json',
    '-o',
    join(dir, 'audit.json'),
  ]);
  expect([0, 1, 3]).toContain(audit.code);
  const fix = await gtp(['terraform', 'fix', '--from', join(dir, 'audit.json'), '-o', join(dir, 'tf'), ...extra]);
  expect(fix.code, fix.stderr).toBe(0);
  return join(dir, 'tf');
}

let reference: string;
beforeAll(async () => {
  reference = await fixFor('reference-stack.json');
}, 60_000);

describe('remediation from the reference world', () => {
  it('writes one file per failing check', () => {
    const audit = JSON.parse(readFileSync(join(reference, '../audit.json'), 'utf8')) as {
      checks: { id: string; outcome: string }[];
    };
    expect(readdirSync(reference).sort()).toEqual(
      audit.checks
        .filter((c) => c.outcome === 'fail')
        .map((c) => `${c.id}.tf`)
        .sort(),
    );
  });

  it('every file parses and every resource fits the Google provider schema', async () => {
    for (const file of readdirSync(reference)) {
      const { problems } = await checkTerraform(file, readFileSync(join(reference, file), 'utf8'));
      expect(problems, file).toEqual([]);
    }
  });

  describe('terraform fmt', () => {
    const terraform = needs(TERRAFORM);
    it('leaves every file as it is', () => {
      const fmt = spawnSync(terraform.path(TERRAFORM), ['fmt', '-check', '-diff', reference], { encoding: 'utf8' });
      expect(fmt.status, fmt.stdout).toBe(0);
    });
  });

  it('an existing instance is imported and written from the live data with only the fix', () => {
    const text = readFileSync(join(reference, 'sql.deletion-protection.tf'), 'utf8');
    expect(text).toContain(
      'to = google_sql_database_instance.orders_db\n  id = "projects/acme-prod/instances/orders-db"',
    );
    expect(text).toMatch(/deletion_protection_enabled = true/);
    // The rest stays as the API reports it.
    expect(text).toMatch(/availability_type\s+= "REGIONAL"/);
    expect(text).toMatch(/point_in_time_recovery_enabled = true/);
  });

  it('a missing resource is written whole with the real names', () => {
    expect(readFileSync(join(reference, 'billing.budget.tf'), 'utf8')).toContain(
      'billing_account = "0X0X0X-0X0X0X-0X0X0X"',
    );
    expect(readFileSync(join(reference, 'billing.budget.tf'), 'utf8')).toContain(
      'projects = ["projects/123456789012"]',
    );
    expect(readFileSync(join(reference, 'armor.waf-rules.tf'), 'utf8')).toContain('security_policy = "edge-waf"');
  });

  it('a retention lock is irreversible: commented out unless asked for', async () => {
    expect(readFileSync(join(reference, 'storage.backup-bucket-lock.tf'), 'utf8')).toContain(
      'is_locked        = false',
    );
    const locked = await fixFor('reference-stack.json', ['--allow-irreversible']);
    expect(readFileSync(join(locked, 'storage.backup-bucket-lock.tf'), 'utf8')).toContain('is_locked        = true');
  });

  it('matches the golden files (UPDATE_GOLDEN=1 rewrites them)', () => {
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(GOLDEN, { recursive: true });
      for (const file of readdirSync(reference))
        writeFileSync(join(GOLDEN, file), readFileSync(join(reference, file), 'utf8'));
    }
    expect(readdirSync(reference).sort()).toEqual(readdirSync(GOLDEN).sort());
    for (const file of readdirSync(reference))
      expect(readFileSync(join(reference, file), 'utf8'), file).toBe(readFileSync(join(GOLDEN, file), 'utf8'));
  });
});

describe('remediation where the project drifted', () => {
  it('fixes an unprotected global backend by importing it with a new policy attached', async () => {
    const drifted = await fixFor('drifted.json');
    const text = readFileSync(join(drifted, 'armor.attached.tf'), 'utf8');
    expect(text).toContain('id = "projects/acme-prod/global/backendServices/web-backend"');
    expect(text).toContain('security_policy       = google_compute_security_policy.edge.id');
    const { problems } = await checkTerraform('armor.attached.tf', text);
    expect(problems).toEqual([]);
    for (const file of readdirSync(drifted))
      expect((await checkTerraform(file, readFileSync(join(drifted, file), 'utf8'))).problems, file).toEqual([]);
  });

  it('the hardened world needs no fix', async () => {
    expect(readdirSync(await fixFor('hardened.json'))).toEqual([]);
  });
});

describe('gtp terraform stack', () => {
  it('writes the reference stack', async () => {
    const dir = scratchDir('gtp-stack-');
    const { code } = await gtp(['terraform', 'stack', '-o', dir]);
    expect(code).toBe(0);
    const source = join(ROOT, 'templates/terraform/reference-stack');
    expect(readdirSync(dir).sort()).toEqual(readdirSync(source).sort());
  });
});
