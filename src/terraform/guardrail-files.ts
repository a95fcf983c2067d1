import type { AuditResult } from '../audit/result.js';
import { guardrailEvidence } from '../checks/guardrail/define.js';
import { GUARDRAILS, guardrailCheckId } from '../orgpolicy/guardrails.js';
import { guardrailFix, type GuardrailMode } from './guardrails.js';
import { hcl } from './hcl.js';

/**
 * The guardrail of every failing control that has one, as `guardrail.<check>.tf`: a control fails when its check
 * fails or its guardrail check does. A guardrail the audit found in force is not written again. The organization
 * is the one the guardrail check read; where the report has none, the file asks for it as a variable.
 */
export function guardrailFiles(result: AuditResult, mode: GuardrailMode): Map<string, string> {
  if (!result.project) throw new Error('the audit names no project');
  const outcome = (id: string) => result.checks.find((c) => c.id === id);
  const files = new Map<string, string>();
  for (const guardrail of GUARDRAILS) {
    const id = guardrailCheckId(guardrail);
    const guardCheck = outcome(id);
    if (guardCheck?.outcome === 'pass') continue;
    if (outcome(guardrail.check)?.outcome !== 'fail' && guardCheck?.outcome !== 'fail') continue;
    const data = guardCheck?.resources.find((r) => r.data !== undefined)?.data;
    const organization = guardrailEvidence.safeParse(data).data?.organization;
    files.set(`${id}.tf`, hcl(guardrailFix(guardrail, { project: result.project, organization, mode }).blocks));
  }
  return files;
}
