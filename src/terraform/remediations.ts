import type { CheckResult } from '../audit/result.js';
import { CHECKS_BY_ID } from '../checks/index.js';
import { InputError } from '../util/errors.js';
import { operationalRemediation } from './kit.js';
import type { Remediation, RemediationContext } from './types.js';

/**
 * One remediation per failing check, in the audit's order, each written by its check's own generator (or saying
 * why the fix is operational). A group of checks that edit one resource is generated once, for all of them.
 */
export function remediations(checks: readonly CheckResult[], ctx: RemediationContext): Remediation[] {
  const failing = checks.filter((c) => c.outcome === 'fail');
  for (const check of failing) assertEvidence(check);
  const grouped = new Map<string, Map<string, Remediation>>();
  return failing.map((check) => {
    const definition = CHECKS_BY_ID.get(check.id);
    if (!definition) throw new Error(`no check ${check.id} in this gtp: the report is from another version`);
    const { remediation } = definition;
    if (!('terraform' in remediation)) return operationalRemediation(check);
    const fix = remediation.terraform;
    if (!fix.group) return fix.generate([check], ctx)[0]!;
    let files = grouped.get(fix.group);
    if (!files) {
      const members = failing.filter((c) => {
        const r = CHECKS_BY_ID.get(c.id)?.remediation;
        return r !== undefined && 'terraform' in r && r.terraform.group === fix.group;
      });
      files = new Map(fix.generate(members, ctx).map((r) => [r.check, r]));
      grouped.set(fix.group, files);
    }
    return files.get(check.id) ?? operationalRemediation(check);
  });
}

/**
 * Each failing resource's data must be what its check's generator reads: a report read back from a file may have
 * been edited or come from another version, and nothing of another shape reaches the HCL.
 */
function assertEvidence(check: CheckResult): void {
  const schema = CHECKS_BY_ID.get(check.id)?.evidence;
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
