import type { CheckResult } from '../audit/result.js';
import { CHECKS_BY_ID } from '../checks/index.js';
import type { CheckDefinition } from '../checks/types.js';
import { InputError } from '../util/errors.js';
import { operationalRemediation } from './kit.js';
import type { Remediation, RemediationContext } from './types.js';

/**
 * One remediation per failing check, in the audit's order, each written by its check's own generator (or saying
 * why the fix is operational). A group of checks that edit one resource is generated once, for all of them.
 */
/** gtp's own namespaces (sql., gke., …): a check id outside them is a register's own probe. */
const BUILT_IN_NAMESPACES = new Set([...CHECKS_BY_ID.keys()].map((id) => id.split('.')[0]!));

export function remediations(checks: readonly CheckResult[], ctx: RemediationContext): Remediation[] {
  const failing = checks.filter((c) => c.outcome === 'fail');
  // A team's own probe has no Terraform generator: its remediation is its own text, written as advice.
  const isProbe = (check: CheckResult) => !BUILT_IN_NAMESPACES.has(check.id.split('.')[0]!);
  const definitionOf = (check: CheckResult) => {
    const definition = CHECKS_BY_ID.get(check.id);
    // A report from another version of gtp (or edited) names a check this one does not know: bad input.
    if (!definition) throw new InputError(`${check.id}: no such check in this gtp; the report is from another version`);
    return definition;
  };
  for (const check of failing) if (!isProbe(check)) assertEvidence(check, definitionOf(check));
  const groupOf = (check: CheckResult) => {
    if (isProbe(check)) return undefined;
    const { remediation } = definitionOf(check);
    return 'terraform' in remediation ? remediation.terraform.group : undefined;
  };
  const grouped = new Map<string, Map<string, Remediation>>();
  return failing.map((check) => {
    if (isProbe(check)) return operationalRemediation(check);
    const { remediation } = definitionOf(check);
    if (!('terraform' in remediation)) return operationalRemediation(check);
    const fix = remediation.terraform;
    if (!fix.group) return fix.generate([check], ctx)[0]!;
    let files = grouped.get(fix.group);
    if (!files) {
      const members = failing.filter((c) => groupOf(c) === fix.group);
      files = new Map(fix.generate(members, ctx).map((r) => [r.check, r]));
      grouped.set(fix.group, files);
    }
    const file = files.get(check.id);
    if (!file) throw new Error(`the ${fix.group} generator wrote no file for ${check.id}`);
    return file;
  });
}

/**
 * Each failing resource's data must be what its check's generator reads: a report read back from a file may have
 * been edited or come from another version, and nothing of another shape reaches the HCL.
 */
function assertEvidence(check: CheckResult, definition: CheckDefinition): void {
  const schema = definition.evidence;
  if (!schema) return;
  for (const resource of check.resources) {
    if (resource.verdict !== 'fail' || resource.data === undefined) continue;
    const parsed = schema.safeParse(resource.data);
    if (parsed.success) continue;
    const issue = parsed.error.issues[0]!;
    const at = issue.path.map(String).join('.') || '(the data)';
    throw new InputError(
      `${check.id}: the failing resource ${JSON.stringify(resource.name.slice(0, 80))} carries data its fix cannot read: ${at}: ${issue.message}`,
    );
  }
}
