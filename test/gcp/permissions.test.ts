import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/audit/evaluate.js';
import { drillRecordReader } from '../../src/audit/run.js';
import { CHECK_IDS, CHECKS } from '../../src/checks/index.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { ClientPool } from '../../src/gcp/clients.js';
import { clientOptionsFromEnv } from '../../src/gcp/endpoint.js';
import { Inventory } from '../../src/gcp/inventory.js';
import { LiveSource } from '../../src/gcp/live-source.js';
import type { World } from '../../src/gcp/world.js';
import { parseRegister } from '../../src/matrix/load.js';
import { emulate, FAST_RETRY } from '../helpers/live.js';
import { recentDrillEvidence } from '../helpers/drill-records.js';
import { REGISTER, ROOT, WORLDS } from '../helpers/paths.js';
import { TEST_NOW } from '../helpers/clock.js';

const HARDENED_REPO = `${ROOT}test/fixtures/repos/hardened`;
/**
 * A permission a check needs only for some repositories (the Cloud Build triggers, read where the repository has
 * Cloud Build files) is tried on a repository whose only evidence needs it.
 */
const REPO_FOR: Record<string, string> = { 'cloudbuild.builds.list': `${ROOT}test/fixtures/repos/cloud-build-only` };
const hardened = JSON.parse(readFileSync(`${WORLDS}hardened.json`, 'utf8')) as World;
/**
 * The hardened world with orders-db on enhanced backups (Backup and DR reads happen only for such an instance):
 * the Cloud SQL flags off once the plan is attached, an ACTIVE association whose rule last SUCCEEDED, and a plan
 * that keeps logs.
 */
const SQL_KEY = 'sqladmin.googleapis.com/v1/projects/acme-prod/instances';
const PLAN = 'projects/acme-prod/locations/us-central1/backupPlans/sql-hourly';
const enhanced: World = {
  ...hardened,
  [SQL_KEY]: (hardened[SQL_KEY] as { name: string; settings: Record<string, unknown> }[]).map((i) =>
    i.name === 'orders-db'
      ? { ...i, settings: { ...i.settings, backupConfiguration: { enabled: false, backupTier: 'ENHANCED' } } }
      : i,
  ),
  'backupdr.googleapis.com/v1/projects/acme-prod/locations/-/backupPlanAssociations': [
    {
      name: 'projects/acme-prod/locations/us-central1/backupPlanAssociations/orders-db',
      resourceType: 'sqladmin.googleapis.com/Instance',
      resource: 'projects/acme-prod/instances/orders-db',
      backupPlan: PLAN,
      state: 'ACTIVE',
      rulesConfigInfo: [{ ruleId: 'hourly', lastBackupState: 'SUCCEEDED' }],
    },
  ],
  'backupdr.googleapis.com/v1/projects/acme-prod/locations/-/backupPlans': [
    { name: PLAN, state: 'ACTIVE', logRetentionDays: '7' },
  ],
};
/**
 * The hardened world with the state bucket inheriting public access prevention (the organization policy is read
 * only then), in project 123456789012 under the world's folder, the organization enforcing the constraint.
 */
const STATE_BUCKET = 'storage.googleapis.com/storage/v1/b/acme-prod-tfstate';
const CONSTRAINT = 'storage.publicAccessPrevention';
const inherited: World = {
  ...hardened,
  [STATE_BUCKET]: {
    ...(hardened[STATE_BUCKET] as { iamConfiguration: object }),
    projectNumber: '123456789012',
    iamConfiguration: { publicAccessPrevention: 'inherited' },
  },
  'cloudresourcemanager.googleapis.com/v3/projects/123456789012': {
    name: 'projects/123456789012',
    projectId: 'acme-prod',
    parent: 'folders/222222222222',
  },
  [`orgpolicy.googleapis.com/v2/projects/123456789012/policies/${CONSTRAINT}:getEffectivePolicy`]: {
    name: `projects/123456789012/policies/${CONSTRAINT}`,
    spec: { rules: [{ enforce: true }] },
  },
  [`orgpolicy.googleapis.com/v2/organizations/111111111111/policies/${CONSTRAINT}`]: {
    name: `organizations/111111111111/policies/${CONSTRAINT}`,
    spec: { rules: [{ enforce: true }] },
  },
};
/** Permissions a check needs only for some worlds, tried on one whose evidence needs them. */
const WORLD_FOR: Record<string, World> = {
  'backupdr.backupPlanAssociations.list': enhanced,
  'backupdr.backupPlans.list': enhanced,
  'orgpolicy.policies.get': inherited,
  'resourcemanager.folders.get': inherited,
  'resourcemanager.projects.get': inherited,
};
const { register } = parseRegister(readFileSync(REGISTER, 'utf8'), 'risks.yaml', { knownChecks: CHECK_IDS });

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** The checks, judged on what the official clients read from the emulator serving `world`. */
async function judgedLive(world: World, ids: string[]) {
  emulator = await emulate({ world });
  const source = new LiveSource(new ClientPool(clientOptionsFromEnv(), 'acme-prod'));
  try {
    const checks = CHECKS.filter((c) => ids.includes(c.id));
    const context = { project: 'acme-prod', resources: register.resources };
    const inventory = new Inventory(source, { ...context, repoDir: HARDENED_REPO }, { retry: FAST_RETRY });
    await inventory.collect(checks.flatMap((c) => c.collects));
    return checks.map((check) => evaluateCheck(check, inventory, { ...context, now: TEST_NOW }));
  } finally {
    await source.close();
  }
}

/** Every (check, permission) pair the catalogue declares. */
const cases = CHECKS.flatMap((check) => check.permissions.map((permission) => [check.id, permission, check] as const));

describe('check metadata names every permission its calls need', () => {
  it.each(cases)('%s without %s is an error naming it', async (_id, permission, check) => {
    emulator = await emulate({ world: WORLD_FOR[permission] ?? hardened, denyPermissions: [permission] });
    const source = new LiveSource(new ClientPool(clientOptionsFromEnv(), 'acme-prod'));
    try {
      const inventory = new Inventory(
        source,
        {
          project: 'acme-prod',
          resources: register.resources,
          repoDir: REPO_FOR[permission] ?? HARDENED_REPO,
          readDrillRecords: drillRecordReader(recentDrillEvidence(TEST_NOW), 'acme-prod'),
        },
        { retry: FAST_RETRY },
      );
      await inventory.collect(check.collects);
      const result = evaluateCheck(check, inventory, {
        project: 'acme-prod',
        resources: register.resources,
        now: TEST_NOW,
      });
      expect(result.outcome).toBe('error');
      expect(result.error).toContain(`missing ${permission}`);
    } finally {
      await source.close();
    }
  });

  it('an enhanced-backup instance is judged from Backup and DR, read through the emulator', async () => {
    for (const result of await judgedLive(enhanced, ['sql.backups', 'sql.pitr'])) {
      expect(result.outcome, result.id).toBe('pass');
      expect(JSON.stringify(result), result.id).toContain('backupTier=ENHANCED');
    }
  });

  it('a state bucket that inherits public access prevention is judged from the organization policy, read through the emulator', async () => {
    const [result] = await judgedLive(inherited, ['storage.state-bucket']);
    expect(result!.outcome, result!.error).toBe('pass');
    expect(result!.resources[0]!.detail).toContain(
      'storage.publicAccessPrevention at projects/123456789012: enforced (effective policy; set at organizations/111111111111)',
    );
  });

  it('and with every permission granted the same checks pass', async () => {
    emulator = await emulate({ world: hardened });
    const source = new LiveSource(new ClientPool(clientOptionsFromEnv(), 'acme-prod'));
    try {
      const inventory = new Inventory(
        source,
        {
          project: 'acme-prod',
          resources: register.resources,
          repoDir: HARDENED_REPO,
          readDrillRecords: drillRecordReader(recentDrillEvidence(TEST_NOW), 'acme-prod'),
        },
        { retry: FAST_RETRY },
      );
      await inventory.collect(CHECKS.flatMap((c) => c.collects));
      // A cross-check given no peer results has nothing to compare: not applicable.
      expect(
        CHECKS.map(
          (c) =>
            evaluateCheck(c, inventory, { project: 'acme-prod', resources: register.resources, now: TEST_NOW }).outcome,
        ),
      ).toEqual(CHECKS.map((c) => (c.peers ? 'not-applicable' : 'pass')));
    } finally {
      await source.close();
    }
  });
});
