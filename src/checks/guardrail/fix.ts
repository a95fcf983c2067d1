import { guardrailOf } from './define.js';
import { failing, perCheck, type TerraformFix } from '../../terraform/kit.js';
import { guardrailFix } from '../../terraform/guardrails.js';

/** The organization a failing guardrail check read, when its evidence names one. */
function organizationOf(resources: readonly { data?: unknown }[]): string | undefined {
  const data = resources.find((r) => r.data !== undefined)?.data as { organization?: unknown } | undefined;
  return typeof data?.organization === 'string' ? data.organization : undefined;
}

/** A failing guardrail check: its constraint and policy, in dry-run (`gtp terraform guardrails --enforce` enforces). */
export const guardrailTerraform = (guarded: string): TerraformFix =>
  perCheck((check, ctx) =>
    guardrailFix(guardrailOf(guarded), {
      project: ctx.project,
      organization: organizationOf(failing(check)),
      mode: 'dry-run',
    }),
  );
