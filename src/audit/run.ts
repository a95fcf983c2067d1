import { CHECKS_BY_ID } from '../checks/index.js';
import { compileProbe, probeCheck } from '../probes/check.js';
import type { CheckDefinition } from '../checks/types.js';
import type { Register } from '../matrix/schema.js';
import { sharedCause } from './shared-cause.js';
import { Inventory, type InventoryOptions } from '../gcp/inventory.js';
import type { RestSource } from '../gcp/source.js';
import { applyResults } from './apply.js';
import { evaluateCheck } from './evaluate.js';
import { drillSummary } from './drill-summary.js';
import { sccSummary } from './scc-summary.js';
import type { AuditResult, CheckResult } from './result.js';
import { GUARDRAILS, guardrailCheckId } from '../orgpolicy/guardrails.js';

/** The checks a register refers to, in catalogue order. */
export function selectChecks(register: Register): CheckDefinition[] {
  const ids = new Set<string>();
  for (const risk of register.risks)
    for (const m of [risk.existing, risk.proposed]) m?.checks.forEach((id) => ids.add(id));
  for (const milestone of register.milestones)
    for (const item of milestone.scope) item.checks.forEach((id) => ids.add(id));
  for (const tier of register.availability?.tiers ?? []) tier.requires.checks.forEach((id) => ids.add(id));
  register.crossChecks.forEach((id) => ids.add(id));
  return [
    ...[...CHECKS_BY_ID.values()].filter((check) => ids.has(check.id)),
    ...register.probes.filter((probe) => ids.has(probe.id)).map((probe) => probeCheck(compileProbe(probe))),
  ];
}

export interface AuditOptions extends InventoryOptions {
  register: Register;
  source: RestSource;
  project: string;
  /** The repository the repository probes read; the current directory by default. */
  repoDir?: string;
  /** Where restore drills are recorded (default .gtp/drills). */
  evidence?: string;
  /** The instant every check is judged at (one for the whole audit). */
  now: Date;
  /** Why `now` is what it is (see AuditResult.asOf), and when the report was made if that differs. */
  asOf?: AuditResult['asOf'];
  generatedAt?: Date;
  /** Where the project was found, when not from --project. */
  projectFrom?: string;
  /** Moves every timestamp in the drill records by this much: the demo's records age with its world. */
  evidenceOffsetMs?: number;
  onProgress?: (message: string) => void;
}

export interface AuditRun {
  result: AuditResult;
  inventory: Inventory;
}

/** Collect once, evaluate every selected check over the same data, apply the outcomes to the register. */
export async function runAudit(options: AuditOptions): Promise<AuditRun> {
  const checks = selectChecks(options.register);
  const inventory = new Inventory(
    options.source,
    {
      project: options.project,
      resources: options.register.resources,
      repoDir: options.repoDir ?? '.',
      readDrillRecords: drillRecordReader(options.evidence, options.project, options.evidenceOffsetMs ?? 0),
      probes: options.register.probes,
    },
    options,
  );
  const collections = new Set(checks.flatMap((c) => c.collects));
  // When SCC is consulted, the report also counts all its active findings.
  if (checks.some((c) => c.id.startsWith('scc.'))) collections.add('scc.activeFindings');
  options.onProgress?.(`collecting ${collections.size} collections for ${checks.length} checks`);
  await inventory.collect(collections);
  const { now } = options;
  const context = {
    project: options.project,
    resources: options.register.resources,
    settings: options.register.settings,
    now,
  };
  // Cross-checks (peers) run after the checks they compare with.
  const byId = new Map<string, CheckResult>();
  for (const check of [...checks.filter((c) => !c.peers), ...checks.filter((c) => c.peers)]) {
    const peers = check.peers
      ? [...byId.values()].filter((r) => check.peers === '*' || check.peers!.includes(r.id))
      : [];
    byId.set(check.id, evaluateCheck(check, inventory, { ...context, peers }));
  }
  attachPrevention(byId);
  const results = checks.map((check) => byId.get(check.id)!);
  options.onProgress?.(`evaluated ${results.length} checks`);
  const result = applyResults(options.register, results, {
    source: options.source.kind,
    project: options.project,
    now,
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  });
  if (options.projectFrom) result.projectFrom = options.projectFrom;
  const cause = sharedCause(inventory, checks, options.project);
  if (cause) result.cause = cause;
  if (collections.has('scc.activeFindings'))
    result.securityCommandCenter = sccSummary(inventory.get('scc.activeFindings'));
  if (collections.has('drill.records'))
    result.restoreDrills = drillSummary(inventory.get('drill.records'), options.project);
  return { result, inventory };
}

/** The drill records of a store (default .gtp/drills), read when the drill check asks for them. */
export function drillRecordReader(evidence: string | undefined, project: string, offsetMs = 0): () => Promise<unknown> {
  return async () => (await import('../evidence/read.js')).readDrillRecords(evidence, project, offsetMs);
}

/**
 * Beside each guarded check whose guardrail check ran, what that guardrail says: prevention of recurrence, shown
 * with the check and never changing its outcome (existing resources are judged one by one all the same).
 */
function attachPrevention(byId: Map<string, CheckResult>): void {
  for (const guardrail of GUARDRAILS) {
    const guarded = byId.get(guardrail.check);
    const judged = byId.get(guardrailCheckId(guardrail));
    if (!guarded || !judged) continue;
    guarded.prevention = {
      check: judged.id,
      outcome: judged.outcome,
      detail: judged.error ?? judged.resources.map((r) => r.detail).join('; '),
    };
  }
}
