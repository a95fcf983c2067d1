import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { evaluateCheck, type EvaluationContext } from '../../src/audit/evaluate.js';
import { drillRecordReader } from '../../src/audit/run.js';
import type { CheckResult } from '../../src/audit/result.js';
import type { CheckDefinition, PeerResult } from '../../src/checks/types.js';
import type { CollectionError } from '../../src/gcp/errors.js';
import { Inventory } from '../../src/gcp/inventory.js';
import { SnapshotSource } from '../../src/gcp/source.js';
import type { World } from '../../src/gcp/world.js';
import type { RegisterResources, RegisterSettings } from '../../src/matrix/schema.js';
import { ERRORS_KEY } from '../../src/gcp/world-file.js';
import { TEST_NOW } from './clock.js';
import { scratchDir } from './scratch.js';

export const PROJECT = 'acme-prod';

/** Runs a check over a world through the real inventory, as an offline audit would. */
/** Check tables are about the cloud: the repository probes see an empty directory. */
const EMPTY_REPO = scratchDir('gtp-no-repo-');
/** …and no drill has been recorded, unless a case gives its own evidence store. */
const NO_DRILLS = scratchDir('gtp-no-drills-');

/** A repository made of the given files, in a temporary directory. */
export function repository(files: Record<string, string>): string {
  const root = scratchDir('gtp-repo-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export async function runCheck(
  check: CheckDefinition,
  world: World,
  context: Partial<EvaluationContext> = {},
  evidence = NO_DRILLS,
  repoDir = EMPTY_REPO,
): Promise<CheckResult> {
  const inventory = new Inventory(new SnapshotSource(world), {
    project: PROJECT,
    repoDir,
    readDrillRecords: drillRecordReader(evidence, PROJECT),
    ...(context.resources ? { resources: context.resources } : {}),
  });
  await inventory.collect(check.collects);
  return evaluateCheck(check, inventory, { project: PROJECT, now: TEST_NOW, ...context });
}

/** A world in which a collection could not be read (as a snapshot records it). */
export function withError(world: World, collection: string, error: CollectionError): World {
  return { ...world, [ERRORS_KEY]: { [collection]: error } };
}

export const DENIED: CollectionError = {
  kind: 'permission-denied',
  message: 'denied',
  permission: 'x.y.list',
  status: 'PERMISSION_DENIED',
};

export interface CheckCase {
  name: string;
  world: World;
  outcome: CheckResult['outcome'];
  /** Expected verdict per resource name, where the case is about particular resources. */
  verdicts?: Record<string, string>;
  /** Text the evidence or error must contain. */
  mentions?: string[];
  /** Resources the register names, for checks about particular ones. */
  resources?: RegisterResources;
  /** Settings, the clock and peer results, for checks that use them. */
  settings?: RegisterSettings;
  now?: Date;
  peers?: PeerResult[];
  /** The drill evidence store (a directory), for checks that read it. */
  evidence?: string;
  /** The application repository, as files, for the repository checks (an empty directory otherwise). */
  files?: Record<string, string>;
}

export async function expectCase(
  check: CheckDefinition,
  c: CheckCase,
  expect: typeof import('vitest').expect,
): Promise<void> {
  const result = await runCheck(
    check,
    c.world,
    {
      ...(c.resources ? { resources: c.resources } : {}),
      ...(c.settings ? { settings: c.settings } : {}),
      ...(c.now ? { now: c.now } : {}),
      ...(c.peers ? { peers: c.peers } : {}),
    },
    c.evidence,
    c.files ? repository(c.files) : undefined,
  );
  expect(result.outcome, `${c.name}: ${JSON.stringify(result)}`).toBe(c.outcome);
  for (const [name, verdict] of Object.entries(c.verdicts ?? {})) {
    expect(result.resources.find((r) => r.name === name)?.verdict, `${c.name}: verdict of ${name}`).toBe(verdict);
  }
  // Mentions are looked for in what the check found (each resource's name and detail, or its error), not in the
  // check's own title or remediation text, which would match whatever the case.
  const found = [result.error ?? '', ...result.resources.map((r) => `${r.name}: ${r.detail}`)];
  for (const m of c.mentions ?? [])
    expect(
      found.some((line) => line.includes(m)),
      `${c.name}: "${m}" in ${JSON.stringify(found)}`,
    ).toBe(true);
  // What a failing resource hands to the Terraform fix is of the shape its check declares, in memory and as the
  // JSON report carries it.
  for (const r of result.resources.filter((x) => x.verdict === 'fail' && x.data !== undefined)) {
    expect(check.evidence, `${c.name}: ${r.name} carries data, but ${check.id} declares no evidence`).toBeDefined();
    expect(check.evidence!.safeParse(r.data).error, `${c.name}: ${r.name}`).toBeUndefined();
    expect(check.evidence!.safeParse(JSON.parse(JSON.stringify(r.data))).error, `${c.name}: ${r.name}`).toBeUndefined();
  }
}
