import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/audit/evaluate.js';
import { CHECKS_BY_ID } from '../../src/checks/index.js';
import { Inventory } from '../../src/gcp/inventory.js';
import type { Route } from '../../src/gcp/routes.js';
import { SnapshotSource } from '../../src/gcp/source.js';
import type { World } from '../../src/gcp/world.js';
import { withError, DENIED } from '../helpers/check-table.js';
import { TEST_NOW } from '../helpers/clock.js';

/**
 * Reads only some answers can make a verdict need are made only then: the Container Scanning API's state where
 * there are repositories to scan, the Binary Authorization policy where there are clusters, and notification
 * channels and snoozes where there are alert policies. A project without such resources costs those calls nothing,
 * and its verdicts are those the full read gave.
 */
const HARDENED = JSON.parse(readFileSync('examples/worlds/hardened.json', 'utf8')) as World;
const PROJECT = 'acme-prod';
const CHECKS = [
  'scanning.vulnerability-scanning',
  'binauthz.enforced',
  'monitoring.quota-alert',
  'monitoring.slo-burn-rate-alert',
].map((id) => CHECKS_BY_ID.get(id)!);
const CONDITIONAL = [
  'serviceusage.services.get',
  'binaryauthorization.projects.getPolicy',
  'monitoring.projects.notificationChannels.list',
  'monitoring.projects.snoozes.list',
];

/** A snapshot that notes each route it is asked for. */
class NotingSource extends SnapshotSource {
  readonly asked: string[] = [];

  override fetch(route: Route, params: Record<string, string>): Promise<unknown> {
    this.asked.push(route.id);
    return super.fetch(route, params);
  }
}

async function audit(world: World) {
  const source = new NotingSource(world);
  const inventory = new Inventory(source, { project: PROJECT });
  await inventory.collect(CHECKS.flatMap((c) => c.collects));
  const outcomes = Object.fromEntries(
    CHECKS.map((check) => [check.id, evaluateCheck(check, inventory, { project: PROJECT, now: TEST_NOW }).outcome]),
  );
  return { asked: source.asked, outcomes };
}

/** The world with no repositories, clusters or alert policies. */
function without(world: World): World {
  const bare: World = { ...world };
  for (const key of Object.keys(bare)) if (/\/(repositories|clusters|alertPolicies)$/.test(key)) bare[key] = [];
  return bare;
}

describe('a read made only where a verdict can need it', () => {
  it('is made where the project has the resources it is about, and the verdicts stand', async () => {
    const { asked, outcomes } = await audit(HARDENED);
    for (const id of CONDITIONAL) expect(asked, id).toContain(id);
    expect(outcomes).toEqual({
      'scanning.vulnerability-scanning': 'pass',
      'binauthz.enforced': 'pass',
      'monitoring.quota-alert': 'pass',
      'monitoring.slo-burn-rate-alert': 'pass',
    });
  });

  it('is not made where the project has none, and the verdicts are those of a project without them', async () => {
    const { asked, outcomes } = await audit(without(HARDENED));
    for (const id of CONDITIONAL) expect(asked, id).not.toContain(id);
    expect(outcomes).toEqual({
      'scanning.vulnerability-scanning': 'not-applicable',
      'binauthz.enforced': 'not-applicable',
      'monitoring.quota-alert': 'fail',
      'monitoring.slo-burn-rate-alert': 'fail',
    });
  });

  it('is never a pass when what decides whether to make it could not be read', async () => {
    for (const [collection, check] of [
      ['artifactregistry.repositories', 'scanning.vulnerability-scanning'],
      ['gke.clusters', 'binauthz.enforced'],
      ['monitoring.alertPolicies', 'monitoring.quota-alert'],
    ] as const) {
      const source = new NotingSource(withError(HARDENED, collection, DENIED));
      const inventory = new Inventory(source, { project: PROJECT });
      const definition = CHECKS_BY_ID.get(check)!;
      await inventory.collect(definition.collects);
      const result = evaluateCheck(definition, inventory, { project: PROJECT, now: TEST_NOW });
      expect(result.outcome, check).toBe('error');
    }
  });
});
