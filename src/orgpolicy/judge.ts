import type { Guardrail } from './guardrails.js';
import { implies } from './implies.js';
import { enforcementOf, type GuardrailReading } from './model.js';
import { constraintIdOf } from './read.js';

/**
 * Whether a guardrail is in force above one project: `guarded` where an enforced custom constraint implies its
 * rule; `not-guarded` with each candidate's reason (dry-run only, narrower, another field, not enforced);
 * `unknown` where a policy above could not be read or a tag condition may exempt a resource; `no-organization`
 * where the project lies in none, so that no custom constraint can exist above it.
 */
export interface Prevention {
  state: 'guarded' | 'not-guarded' | 'unknown' | 'no-organization';
  detail: string;
  /** The organization the constraint is (or would be) defined on, for the Terraform that writes it. */
  organization?: string;
}

export function judgeGuardrail(guardrail: Guardrail, reading: GuardrailReading): Prevention {
  if (reading.read === false) return { state: 'unknown', detail: `custom constraints unread: ${reading.why}` };
  if (reading.read === 'not-needed') return { state: 'unknown', detail: 'custom constraints were not read' };
  if (reading.read === 'no-organization')
    return {
      state: 'no-organization',
      detail: `${reading.project} lies in no organization: custom constraints are defined only on an organization`,
    };
  const { organization } = reading;
  const candidates = reading.constraints.filter((c) => (c.resourceTypes ?? []).includes(guardrail.resourceType));
  if (candidates.length === 0)
    return {
      state: 'not-guarded',
      organization,
      detail: `${organization} defines no custom constraint on ${guardrail.resourceType}`,
    };
  const judged = candidates.map((constraint) => {
    const id = constraintIdOf(constraint.name);
    const implication = implies(constraint, guardrail);
    if (!implication.implies)
      return { id, state: 'not-guarded' as const, why: `${id}: not a guardrail: ${implication.why}` };
    const reading_ = reading.enforcement[id];
    if (!reading_ || reading_.read !== true)
      return {
        id,
        state: 'unknown' as const,
        why: `${id}: its policy could not be read: ${reading_?.read === false ? reading_.why : 'not read'}`,
      };
    const enforcement = enforcementOf(reading_);
    const state =
      enforcement.state === 'enforced' ? 'guarded' : enforcement.state === 'unknown' ? 'unknown' : 'not-guarded';
    return {
      id,
      state,
      why: `${id} (${constraint.actionType} on ${(constraint.methodTypes ?? []).join(', ')}): ${enforcement.why}`,
    } as const;
  });
  const guarded = judged.filter((j) => j.state === 'guarded');
  if (guarded.length > 0) return { state: 'guarded', organization, detail: guarded.map((j) => j.why).join('; ') };
  const state = judged.some((j) => j.state === 'unknown') ? 'unknown' : 'not-guarded';
  return { state, organization, detail: judged.map((j) => j.why).join('; ') };
}
