import { outcomeOf, type CheckData, type CheckDefinition, type PeerResult } from '../checks/types.js';
import type { CollectionId } from '../gcp/collections.js';
import type { CollectionShapes } from '../gcp/model/collections.js';
import { describeCollectionError } from '../gcp/errors.js';
import type { InventoryView } from '../gcp/inventory.js';
import { DEFAULT_SETTINGS, type RegisterResources, type RegisterSettings } from '../matrix/schema.js';
import type { CheckResult } from './result.js';

/** Runs one check over collected data. A collection that failed makes the check an error, never a pass. */
export interface EvaluationContext {
  /** The project the checks judge. */
  project: string;
  resources?: RegisterResources;
  settings?: RegisterSettings;
  now: Date;
  peers?: readonly PeerResult[];
}

export function evaluateCheck(
  check: CheckDefinition,
  inventory: InventoryView,
  context: EvaluationContext,
): CheckResult {
  const base = { id: check.id, title: check.title, remediation: reportedRemediation(check) };
  const failures = check.collects
    .map((id) => ({ id, result: inventory.get(id) }))
    .filter(
      (c): c is { id: CollectionId; result: Extract<ReturnType<InventoryView['get']>, { ok: false }> } => !c.result.ok,
    );
  if (failures.length > 0) {
    const error = failures.map((f) => `${f.id}: ${describeCollectionError(f.result.error)}`).join('; ');
    return { ...base, outcome: 'error', resources: [], error };
  }
  const data: CheckData = {
    project: context.project,
    resources: context.resources ?? {},
    settings: context.settings ?? DEFAULT_SETTINGS,
    now: context.now,
    peers: context.peers ?? [],
    get<K extends CollectionId>(id: K): CollectionShapes[K] {
      if (!check.collects.includes(id)) throw new Error(`${check.id} reads ${id} without listing it in collects`);
      // The one place the inventory's values meet their types: the inventory checked each answer's outer shape.
      return (inventory.get(id) as { value: unknown }).value as CollectionShapes[K];
    },
  };
  try {
    const evaluation = check.evaluate(data);
    return { ...base, outcome: outcomeOf(evaluation), resources: evaluation.resources };
  } catch (error) {
    // Data of an unexpected shape: say so rather than guess a verdict.
    return { ...base, outcome: 'error', resources: [], error: `could not evaluate: ${(error as Error).message}` };
  }
}

/** The remediation as the report states it: its text, and the name of its Terraform fix when it has one. */
function reportedRemediation(check: CheckDefinition): CheckResult['remediation'] {
  const { remediation } = check;
  return 'terraform' in remediation
    ? { terraform: check.id.replace('.', '-'), text: remediation.text }
    : { text: remediation.text };
}
