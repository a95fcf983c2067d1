import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gtp, gtpEmulate, type EmulatorProcess } from '../helpers/cli.js';
import { ROOT, WORLDS } from '../helpers/paths.js';
import { scratchDir } from '../helpers/scratch.js';

let emulator: EmulatorProcess | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

const tmp = () => scratchDir('gtp-setup-');

interface Diagnosis {
  ok: boolean;
  checks: { check: string; ok: boolean; missingPermissions: string[]; disabledApis: string[]; unknown: string[] }[];
  fixes: string[];
}

async function doctor(world: string, emulateArgs: string[] = [], doctorArgs: string[] = []) {
  emulator = await gtpEmulate(['--world', world, ...emulateArgs]);
  const result = await gtp(['doctor', '--project', 'acme-prod', '--format', 'json', ...doctorArgs], {
    env: emulator.env,
  });
  return { ...result, diagnosis: result.stdout ? (JSON.parse(result.stdout) as Diagnosis) : undefined };
}

describe('gtp doctor', () => {
  it('a caller with every permission in a project with every API: exit 0', async () => {
    const { code, diagnosis } = await doctor(join(WORLDS, 'hardened.json'));
    expect(code).toBe(0);
    expect(diagnosis!.ok).toBe(true);
    expect(diagnosis!.checks).toHaveLength(34);
  });

  it('a caller missing two permissions: the checks that need them, and the fix', async () => {
    const { code, diagnosis } = await doctor(join(WORLDS, 'hardened.json'), [
      '--deny-permission',
      'monitoring.alertPolicies.list',
      '--deny-permission',
      'storage.buckets.get',
    ]);
    expect(code).toBe(1);
    const notReady = Object.fromEntries(
      diagnosis!.checks.filter((c) => !c.ok).map((c) => [c.check, c.missingPermissions]),
    );
    expect(notReady).toEqual({
      'monitoring.slo-burn-rate-alert': ['monitoring.alertPolicies.list'],
      'monitoring.quota-alert': ['monitoring.alertPolicies.list'],
      'storage.state-bucket': ['storage.buckets.get'],
      'storage.backup-bucket-lock': ['storage.buckets.get'],
    });
    expect(diagnosis!.fixes.join('\n')).toContain('gcloud projects add-iam-policy-binding acme-prod');
  });

  it('a disabled API: the checks that call it, and the command that enables it', async () => {
    const dir = tmp();
    const world = JSON.parse(readFileSync(join(WORLDS, 'hardened.json'), 'utf8'));
    const services = world['serviceusage.googleapis.com/v1/projects/acme-prod/services'] as {
      config: { name: string };
      state: string;
    }[];
    services.find((s) => s.config.name === 'monitoring.googleapis.com')!.state = 'DISABLED';
    writeFileSync(join(dir, 'world.json'), JSON.stringify(world));
    const { code, diagnosis } = await doctor(join(dir, 'world.json'));
    expect(code).toBe(1);
    expect(diagnosis!.checks.filter((c) => c.disabledApis.length > 0).map((c) => c.check)).toEqual([
      'monitoring.slo-burn-rate-alert',
      'monitoring.quota-alert',
    ]);
    expect(diagnosis!.fixes).toContain('gcloud services enable monitoring.googleapis.com --project=acme-prod');
  });

  it('--for drill: Cloud SQL always, Cloud Storage and Secret Manager only when the drills use them', async () => {
    const ready = await doctor(
      join(WORLDS, 'hardened.json'),
      [],
      ['--for', 'drill', '--evidence', 'gs://acme-drills/orders-db'],
    );
    expect(ready.code).toBe(0);
    expect(ready.diagnosis!.checks.map((c) => c.check)).toEqual([
      'drill: Cloud SQL (restore, gc)',
      'drill: records in Cloud Storage (--evidence gs://…)',
    ]);
    await emulator!.stop();

    // The hardened project has not enabled Secret Manager; a caller who cannot clone.
    const { code, diagnosis } = await doctor(
      join(WORLDS, 'hardened.json'),
      ['--deny-permission', 'cloudsql.instances.clone'],
      ['--for', 'drill', '--password-secret'],
    );
    expect(code).toBe(1);
    const byName = Object.fromEntries(diagnosis!.checks.map((c) => [c.check, c]));
    expect(byName['drill: Cloud SQL (restore, gc)']).toMatchObject({
      ok: false,
      missingPermissions: ['cloudsql.instances.clone'],
    });
    expect(byName['drill: password in Secret Manager (--password-secret)']).toMatchObject({
      ok: false,
      disabledApis: ['secretmanager.googleapis.com'],
    });
    expect(diagnosis!.fixes).toEqual(
      expect.arrayContaining([
        expect.stringContaining('gtp iam role --for drill --format gcloud'),
        'gcloud services enable secretmanager.googleapis.com --project=acme-prod',
      ]),
    );
  });

  it('testIamPermissions denied: every permission is unknown, not missing, and no role is proposed', async () => {
    const { code, diagnosis, stdout } = await doctor(join(WORLDS, 'hardened.json'), [
      '--deny',
      '**/projects/acme-prod:testIamPermissions',
    ]);
    expect(code).toBe(1);
    expect(diagnosis!.checks.filter((c) => c.missingPermissions.length > 0)).toEqual([]);
    const unknown = diagnosis!.checks.filter((c) => c.unknown.includes('project permissions'));
    expect(unknown.length).toBeGreaterThan(20);
    expect(unknown.every((c) => !c.ok)).toBe(true);
    expect(stdout).toContain('testIamPermissions on the project: permission denied');
    expect(diagnosis!.fixes.join('\n')).not.toContain('gtp iam role');
  });

  it('a broken credentials file: says the credentials are broken, exit 2, and blames no permission', async () => {
    emulator = await gtpEmulate(['--world', join(WORLDS, 'hardened.json')]);
    const dir = tmp();
    const secret = '-----BEGIN PRIVATE KEY-----MIIEvQ';
    const cases = [
      ['not-json.json', `{"type": "service_account", "private_key": "${secret}", "client_email": 12`, 'is not JSON'],
      ['no-email.json', JSON.stringify({ type: 'service_account', private_key: secret }), 'client_email'],
      ['list.json', '[]', 'is not a JSON object'],
      ['missing.json', undefined, 'names a file that does not exist'],
    ] as const;
    for (const [name, content, why] of cases) {
      const key = join(dir, name);
      if (content !== undefined) writeFileSync(key, content);
      for (const command of [['doctor'], ['audit', '--format', 'json']]) {
        const { code, stdout, stderr } = await gtp([...command, '--project', 'acme-prod'], {
          env: { ...emulator.env, GOOGLE_APPLICATION_CREDENTIALS: key },
        });
        expect(code, `${name} ${command[0]}: ${stderr}`).toBe(2);
        expect(stderr).toContain(`the Google credentials are broken: GOOGLE_APPLICATION_CREDENTIALS (${key})`);
        expect(stderr).toContain(why);
        expect(stderr + stdout).not.toContain(secret);
        expect(stdout).toBe('');
      }
    }
  });

  it('the demo reads no key file and no gcloud login: a broken one beside it changes nothing', async () => {
    const home = tmp();
    mkdirSync(join(home, '.config/gcloud'), { recursive: true });
    writeFileSync(
      join(home, '.config/gcloud/application_default_credentials.json'),
      JSON.stringify({ type: 'authorized_user', client_id: 'x', client_secret: 'y', refresh_token: 'z' }),
    );
    const plain = await gtp(['audit', '--demo', '--format', 'json']);
    const withLogin = await gtp(['audit', '--demo', '--format', 'json'], {
      env: { HOME: home, GOOGLE_APPLICATION_CREDENTIALS: join(home, 'no-such-key.json') },
    });
    expect(withLogin.code, withLogin.stderr).toBe(plain.code);
    expect(withLogin.stderr).not.toContain('oauth2');
    const outcomes = (stdout: string) =>
      (JSON.parse(stdout) as { checks: { id: string; outcome: string }[] }).checks.map((c) => `${c.id}=${c.outcome}`);
    expect(outcomes(withLogin.stdout)).toEqual(outcomes(plain.stdout));
  });

  it('no credentials at all: says how to get them, exit 1', async () => {
    emulator = await gtpEmulate(['--world', join(WORLDS, 'hardened.json')]);
    const { code, stderr } = await gtp(['doctor', '--project', 'acme-prod'], {
      env: { GTP_API_ENDPOINT: emulator.url, HOME: tmp(), METADATA_SERVER_DETECTION: 'none' },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('gcloud auth application-default login');
    expect(stderr).toContain('GOOGLE_APPLICATION_CREDENTIALS');
  });
});

describe('gtp iam role', () => {
  it('terraform: a custom role with exactly the permissions, sorted, no wildcards', async () => {
    const { code, stdout } = await gtp(['iam', 'role', '--project', 'acme-prod']);
    expect(code).toBe(0);
    expect(stdout).toContain('resource "google_project_iam_custom_role" "gtp_auditor" {');
    const permissions = [...stdout.matchAll(/^ {4}"([^"]+)",$/gm)].map((m) => m[1]!);
    expect(permissions).toEqual([...permissions].sort());
    expect(permissions).toContain('cloudsql.instances.list');
    expect(permissions.some((p) => p.includes('*'))).toBe(false);
    expect(permissions).not.toContain('billing.budgets.list');
    expect(stdout).toContain('# billing.budgets.list is granted on the billing account');
  });

  it('gcloud and json agree with terraform', async () => {
    const json = JSON.parse((await gtp(['iam', 'role', '--format', 'json'])).stdout) as {
      includedPermissions: string[];
      billingAccountPermissions: string[];
    };
    const gcloud = (await gtp(['iam', 'role', '--format', 'gcloud', '--project', 'acme-prod'])).stdout;
    expect(gcloud).toContain(`--permissions=${json.includedPermissions.join(',')}`);
    expect(json.billingAccountPermissions).toEqual(['billing.budgets.list']);
  });

  it('--organization: one role on the organization for every project, with discovery and Cloud Asset Inventory', async () => {
    const { code, stdout } = await gtp(['iam', 'role', '--organization', '111111111111']);
    expect(code).toBe(0);
    expect(stdout).toContain('resource "google_organization_iam_custom_role" "gtp_auditor" {');
    expect(stdout).toContain('  org_id      = "111111111111"');
    const permissions = [...stdout.matchAll(/^ {4}"([^"]+)",$/gm)].map((m) => m[1]!);
    expect(permissions).toEqual([...permissions].sort());
    // The project role's permissions, the folders' and organization's, and what an organization audit adds.
    const project = JSON.parse((await gtp(['iam', 'role', '--format', 'json'])).stdout) as {
      includedPermissions: string[];
      ancestorPermissions: string[];
    };
    expect(permissions).toEqual(
      expect.arrayContaining([...project.includedPermissions, ...project.ancestorPermissions]),
    );
    expect(permissions).toEqual(
      expect.arrayContaining([
        'cloudasset.assets.listIamPolicy',
        'cloudasset.assets.listResource',
        'resourcemanager.folders.list',
        'resourcemanager.projects.list',
      ]),
    );
    expect(permissions).not.toContain('billing.budgets.list');
    const gcloud = (await gtp(['iam', 'role', '--format', 'gcloud', '--organization', '111111111111'])).stdout;
    expect(gcloud).toContain('gcloud iam roles create gtpAuditor --organization=111111111111 ');
    const bad = await gtp(['iam', 'role', '--organization', 'acme;rm -rf']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
  });

  it('a project id that is not one never reaches the command line or the Terraform', async () => {
    const dir = scratchDir('gtp-hostile-');
    const register = join(dir, 'risks.yaml');
    const hostile = 'acme;touch pwned;x';
    writeFileSync(
      register,
      readFileSync(join(ROOT, 'risks.yaml'), 'utf8').replace(/^title: .*$/m, `$&\nproject: "${hostile}"`),
    );
    const validate = await gtp(['validate', register]);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toMatch(
      new RegExp(
        `${register.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: project: a project ID must be 6 to 30 lowercase letters`,
      ),
    );
    for (const format of ['gcloud', 'terraform']) {
      const role = await gtp(['iam', 'role', '--format', format, '--register', register], { cwd: dir });
      expect(role.code).toBe(2);
      expect(role.stdout).toBe('');
    }
    for (const project of [hostile, '$(touch pwned)', 'acme-${uuid()}', 'Acme-Prod', 'acme-', 'ab']) {
      const role = await gtp(['iam', 'role', '--format', 'gcloud', '--project', project], { cwd: dir });
      expect(role.code, project).toBe(2);
      expect(role.stderr).toContain('must be 6 to 30 lowercase letters');
    }
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('the gcloud command it prints runs as one command with each value one word', async () => {
    const dir = scratchDir('gtp-gcloud-');
    // A stand-in gcloud that prints each argument it was given on its own line.
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'gcloud'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n', {
      mode: 0o755,
    });
    const role = await gtp(['iam', 'role', '--format', 'gcloud', '--project', 'example.com:acme-prod']);
    const run = spawnSync('sh', ['-c', role.stdout], {
      env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}` },
      cwd: dir,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const args = run.stdout.trim().split('\n');
    expect(args.slice(0, 3)).toEqual(['iam', 'roles', 'create']);
    expect(args).toContain('--project=example.com:acme-prod');
    expect(args).toContain('--title=gtp auditor (read-only)');
    expect(args.filter((a) => a.startsWith('--permissions='))).toHaveLength(1);
  });
});

describe('gtp init', () => {
  it('writes the register and a workflow, and refuses to overwrite them without --force', async () => {
    const dir = tmp();
    const first = await gtp(['init', '--dir', dir]);
    expect(first.code).toBe(0);
    // Nothing to read: no project, no Terraform. The register says which lines to fill in.
    const register = readFileSync(join(dir, 'risks.yaml'), 'utf8');
    expect(register).toContain('# project: my-prod\n');
    expect(register).toContain('  # terraformStateBucket: my-tfstate   # fill in:');
    expect(register).not.toContain('acme-prod');
    expect(first.stdout).toContain('project: not found');
    expect(existsSync(join(dir, '.github/workflows/gtp-audit.yml'))).toBe(true);
    expect((await gtp(['validate', join(dir, 'risks.yaml')])).code).toBe(0);
    const again = await gtp(['init', '--dir', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('refusing to overwrite');
    expect((await gtp(['init', '--dir', dir, '--force'])).code).toBe(0);
  });

  it('--with-probes offers the starter probes: in the register, valid, and run once a mitigation names one', async () => {
    const dir = tmp();
    const init = await gtp(['init', '--dir', dir, '--with-probes']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('probes: 8 starter probes added');
    const file = join(dir, 'risks.yaml');
    const register = readFileSync(file, 'utf8');
    expect(register).toContain('  - id: example.uptime-check\n');
    expect((await gtp(['validate', file])).stdout).toContain('34 checks referenced');
    writeFileSync(
      file,
      register.replace('checks: [sql.pitr, sql.backups]', 'checks: [sql.pitr, sql.backups, example.uptime-check]'),
    );
    expect((await gtp(['validate', file])).stdout).toContain('35 checks referenced');
  });

  it('--project against the reference world: filled in from the repository and the project, and the first audit names only what is there', async () => {
    emulator = await gtpEmulate(['--world', `${WORLDS}reference-stack.json`]);
    const dir = tmp();
    cpSync(join(ROOT, 'examples/demo-repo'), dir, { recursive: true });
    const init = await gtp(['init', '--dir', dir, '--project', 'acme-prod'], { env: emulator.env });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('state bucket: acme-prod-tfstate (from infra/main.tf:2)');
    const register = readFileSync(join(dir, 'risks.yaml'), 'utf8');
    expect(register).toContain('project: acme-prod\n');
    expect(register).toContain('  terraformStateBucket: acme-prod-tfstate   # the gcs backend of infra/main.tf:2\n');
    expect(register).toContain('    names: [acme-prod-sql-backups]');
    expect(register).toContain('  # Cloud SQL primaries: orders-db\n');
    expect((await gtp(['validate', join(dir, 'risks.yaml')])).code).toBe(0);
    // The first audit, as a new user runs it: in the repository, no flag but the format.
    const audit = await gtp(['audit', '--format', 'json'], { env: emulator.env, cwd: dir });
    const report = JSON.parse(audit.stdout) as {
      checks: { id: string; outcome: string; resources: { detail: string }[] }[];
    };
    const missing = report.checks.filter((c) => c.resources.some((r) => /does not exist/.test(r.detail)));
    expect(missing.map((c) => c.id)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'storage.state-bucket')?.outcome).toBe('pass');
  });

  it('a project it cannot read (no credentials): the register from the repository alone, and why', async () => {
    emulator = await gtpEmulate(['--world', `${WORLDS}reference-stack.json`]);
    const dir = tmp();
    cpSync(join(ROOT, 'examples/demo-repo'), dir, { recursive: true });
    const init = await gtp(['init', '--dir', dir], {
      env: { GTP_API_ENDPOINT: emulator.url, GOOGLE_CLOUD_PROJECT: 'acme-prod' },
    });
    expect(init.code).toBe(0);
    expect(init.stderr).toMatch(/could not read acme-prod: .*no Google credentials/);
    const register = readFileSync(join(dir, 'risks.yaml'), 'utf8');
    expect(register).toContain('# The project to audit (found: GOOGLE_CLOUD_PROJECT).\nproject: acme-prod\n');
    expect(register).toContain('  terraformStateBucket: acme-prod-tfstate');
    expect(register).not.toContain('names: [');
    expect((await gtp(['validate', join(dir, 'risks.yaml')])).code).toBe(0);
  });
});

describe('CI recipes', () => {
  const recipes = [
    'templates/ci/github-actions.yml',
    'examples/ci/cloudbuild.yaml',
    'examples/ci/gitlab-ci.yml',
    'action.yml',
  ];

  it.each(recipes)('%s is valid YAML whose gtp command line this gtp accepts', async (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(() => parse(text)).not.toThrow();
    // Shell line continuations joined; the optional gate input left empty, as by default.
    const shell = text.replace(/\\\n\s*/g, ' ').replace(/\$\{INPUT_FAIL_ABOVE:\+[^}]*\}/g, '');
    const command = /gtp(?:\.js"?)? (audit [^\n]+)/.exec(shell)?.[1];
    expect(command, `${file} runs gtp audit`).toBeDefined();
    // Run the recipe's own command line against the emulator (placeholders filled in).
    const args = command!
      .replace(/\$PROJECT_ID|PROJECT_ID|"\$INPUT_PROJECT"/g, 'acme-prod')
      .replace(/"\$INPUT_REGISTER"/g, 'risks.yaml')
      .replace(/"\$INPUT_FORMATS"/g, 'md,json')
      .split(/\s+/)
      .filter(Boolean);
    const dir = tmp();
    const outputDir = args.indexOf('--output-dir');
    args[outputDir + 1] =
      args[outputDir + 1] === '"$INPUT_OUTPUT_DIR"' ? join(dir, 'gtp-report') : join(dir, args[outputDir + 1]!);
    emulator = await gtpEmulate(['--world', join(WORLDS, 'hardened.json')]);
    // The recipes run in the application repository; here that is the hardened fixture.
    const result = await gtp([...args, '--repo', join(ROOT, 'test/fixtures/repos/hardened')], { env: emulator.env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(args[outputDir + 1]!, 'audit.json'), 'utf8')).source).toBe('live');
    expect(readFileSync(join(args[outputDir + 1]!, 'audit.md'), 'utf8')).toContain('## Evidence');
    await emulator.stop();
    emulator = undefined;
    mkdirSync(dir, { recursive: true });
  });
});
