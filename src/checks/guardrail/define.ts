import * as z from 'zod';
import { MalformedEvidence } from '../evidence.js';
import { defineCheck, type CheckDefinition } from '../types.js';
import { GUARDRAIL_BY_CHECK, guardrailCheckId, type Guardrail } from '../../orgpolicy/guardrails.js';
import { judgeGuardrail } from '../../orgpolicy/judge.js';
import type { TerraformFix } from '../../terraform/kit.js';

/** What a missing guardrail carries to its Terraform: the organization the constraint belongs on. */
export const guardrailEvidence = z.strictObject({ organization: z.string().regex(/^organizations\/\d+$/) });

/**
 * One check per guardrail of the catalogue: does an enforced custom constraint at or above the project stop what
 * the guarded check fails from being created or updated? A register names it as a mitigation (of manual config
 * drift, say); it never stands in for the guarded check, which still judges every existing resource.
 */
export function guardrailCheck(guarded: string, terraform: TerraformFix): CheckDefinition {
  const guardrail = guardrailOf(guarded);
  return defineCheck({
    id: guardrailCheckId(guardrail),
    title: `Guardrail: ${guardrail.title}`,
    collects: ['orgpolicy.guardrails'],
    evidence: guardrailEvidence,
    permissions: [
      'orgpolicy.customConstraints.list',
      'orgpolicy.policies.get',
      'resourcemanager.folders.get',
      'resourcemanager.projects.get',
    ],
    remediation: {
      terraform,
      text: `Define the custom constraint ${guardrail.constraint} on the organization (ALLOW ${guardrail.condition} on CREATE and UPDATE of ${guardrail.resourceType}) and enforce it on the project: in dry-run first, then enforced (gtp terraform guardrails, then --enforce).`,
    },
    evaluate(data) {
      const prevention = judgeGuardrail(guardrail, data.get('orgpolicy.guardrails'));
      const name = guardrail.constraint;
      switch (prevention.state) {
        case 'guarded':
          return { resources: [{ name, verdict: 'pass', detail: prevention.detail }] };
        case 'not-guarded':
          return {
            resources: [
              { name, verdict: 'fail', detail: prevention.detail, data: { organization: prevention.organization } },
            ],
          };
        case 'no-organization':
          return { resources: [{ name, verdict: 'not-applicable', detail: prevention.detail }] };
        case 'unknown':
          throw new MalformedEvidence(prevention.detail);
      }
    },
  });
}

/** The catalogue's guardrail for a guarded check: a folder that names another is a defect, found at load. */
export function guardrailOf(guarded: string): Guardrail {
  const guardrail = GUARDRAIL_BY_CHECK.get(guarded);
  if (!guardrail) throw new Error(`no guardrail in the catalogue guards ${guarded}`);
  return guardrail;
}
