import { guardrailCheckId, type Guardrail } from '../orgpolicy/guardrails.js';
import { attr, blank, block, comment, expr, tfName } from './hcl.js';
import type { Remediation } from './types.js';

/**
 * How the policy is written: `dry-run` first ("violations of the policy are audit logged, but the violating actions
 * aren't denied"), then `enforced` once the logs show what it would have refused.
 */
export type GuardrailMode = 'dry-run' | 'enforced';

/** `organizations/N` as the audit read it, or a variable the user fills in where the audit did not say. */
const ORGANIZATION_VARIABLE = 'organization_id';

/**
 * The custom constraint on the organization and the policy that applies it to one project. The constraint's
 * condition is gtp's own text from the catalogue, never data from the cloud; the organization and the project
 * are written as strings, escaped like every other value.
 */
export function guardrailFix(
  guardrail: Guardrail,
  target: { project: string; organization?: string | undefined; mode: GuardrailMode },
): Remediation {
  const label = tfName(guardrail.constraint.replace(/^custom\./, ''));
  const organization = target.organization;
  const parent = organization ?? expr(`"organizations/\${var.${ORGANIZATION_VARIABLE}}"`);
  const rules = block('rules', [], attr('enforce', 'TRUE'));
  return {
    check: guardrailCheckId(guardrail),
    blocks: [
      comment(
        [
          `${guardrailCheckId(guardrail)}: ${guardrail.title}`,
          `Prevents what ${guardrail.check} fails from being created or updated again in ${target.project}.`,
          'It does not change existing resources: newly enforced custom constraints do not apply to them; they are',
          `still judged one by one by ${guardrail.check}.`,
          ...(guardrail.leaves ? [`Left to ${guardrail.check}: ${guardrail.leaves}.`] : []),
          target.mode === 'dry-run'
            ? 'Mode: dry-run. Violations are written to the audit log and nothing is refused; read them, then write this again with --enforce.'
            : 'Mode: enforced. A create or update that breaks the rule is refused.',
        ].join('\n'),
      ),
      ...(organization
        ? []
        : [
            block(
              'variable',
              [ORGANIZATION_VARIABLE],
              [
                ...attr('description', 'The numeric id of the organization the custom constraint is defined on'),
                ...attr('type', expr('string')),
              ],
            ),
          ]),
      block(
        'resource',
        ['google_org_policy_custom_constraint', label],
        [
          ...attr('name', guardrail.constraint),
          ...attr('parent', parent),
          ...attr('display_name', guardrail.title),
          ...attr('description', `Written by gtp for ${guardrail.check}.`),
          ...attr('action_type', 'ALLOW'),
          ...attr('condition', guardrail.condition),
          ...attr('method_types', ['CREATE', 'UPDATE']),
          ...attr('resource_types', [guardrail.resourceType]),
        ],
      ),
      block(
        'resource',
        ['google_org_policy_policy', label],
        [
          // Plain strings, not an interpolation: the project comes from a report, which is data.
          ...attr('name', `projects/${target.project}/policies/${guardrail.constraint}`),
          ...attr('parent', `projects/${target.project}`),
          ...attr('depends_on', [expr(`google_org_policy_custom_constraint.${label}`)]),
          blank,
          block(target.mode === 'dry-run' ? 'dry_run_spec' : 'spec', [], [rules]),
        ],
      ),
    ],
  };
}
