import type { CustomConstraint } from './implies.js';

/** Organization Policy v2 Policy (GoogleCloudOrgpolicyV2Policy): the fields that decide a boolean constraint. */
export interface OrgPolicy {
  name?: string;
  spec?: PolicySpec;
  /** "Dry-run policy. Audit-only policy": reported, never enforced. */
  dryRunSpec?: PolicySpec;
  /** Deprecated; its presence means a launch gtp does not model. */
  alternate?: unknown;
}

export interface PolicySpec {
  inheritFromParent?: boolean;
  reset?: boolean;
  rules?: PolicyRule[];
}

export interface PolicyRule {
  enforce?: boolean;
  condition?: { expression?: string; title?: string };
  allowAll?: boolean;
  denyAll?: boolean;
}

/**
 * What the hierarchy says of one boolean constraint for one project: the effective policy Google computes, and the
 * policy set at the project and at each folder and the organization above it (null where none is set), or why it
 * could not be read. Never an error of its own: the check says what an unread policy leaves unverified.
 */
export type ConstraintReading =
  | { read: 'not-needed' }
  | {
      read: true;
      constraint: string;
      project: string;
      effective: OrgPolicy;
      set: { resource: string; policy: OrgPolicy | null }[];
      unreadable: string[];
    }
  | { read: false; why: string };

export type Enforcement =
  { state: 'enforced'; why: string } | { state: 'not-enforced'; why: string } | { state: 'unknown'; why: string };

const enforces = (spec: PolicySpec | undefined) => (spec?.rules ?? []).some((r) => r.enforce === true);

/**
 * Whether a boolean constraint is enforced on the project, from the effective policy ("the result of merging
 * policies in the resource hierarchy and evaluating conditions"). A rule with a condition anywhere in the hierarchy
 * may exempt a resource by its tags, which the project's effective policy does not show: unknown. So is a level
 * that could not be read, and the deprecated `alternate` spec. A dry-run spec is named and never enforces.
 */
export function enforcementOf(reading: Extract<ConstraintReading, { read: true }>): Enforcement {
  const where = `${reading.constraint} at ${reading.project}`;
  if (reading.unreadable.length > 0)
    return { state: 'unknown', why: `the policies above could not all be read: ${reading.unreadable.join('; ')}` };
  const conditional = reading.set.filter(({ policy }) =>
    [policy?.spec, policy?.dryRunSpec].some((s) => (s?.rules ?? []).some((r) => r.condition !== undefined)),
  );
  if (conditional.length > 0)
    return {
      state: 'unknown',
      why: `${conditional.map((c) => c.resource).join(', ')} set ${reading.constraint} with conditional rules (tags): a tag on a resource may exempt it, which the project's effective policy does not show`,
    };
  if ([reading.effective, ...reading.set.map((s) => s.policy)].some((p) => p?.alternate !== undefined))
    return {
      state: 'unknown',
      why: `${where}: a policy uses the deprecated alternate spec, which gtp does not evaluate`,
    };
  const setAt = reading.set.filter((s) => s.policy?.spec).map((s) => s.resource);
  const source = setAt.length > 0 ? `set at ${setAt.join(', ')}` : 'set nowhere in the hierarchy';
  if (enforces(reading.effective.spec))
    return { state: 'enforced', why: `${where}: enforced (effective policy; ${source})` };
  const dryRun = enforces(reading.effective.dryRunSpec)
    ? '; enforced only in dry-run (dryRunSpec), which prevents nothing'
    : '';
  return { state: 'not-enforced', why: `${where}: not enforced (effective policy; ${source})${dryRun}` };
}

/**
 * The organization's custom constraints and, for each that would guard a check's rule, how the hierarchy above the
 * project holds it. `no-organization`: the project lies in no organization, where no custom constraint exists.
 */
export type GuardrailReading =
  | { read: 'not-needed' }
  | {
      read: true;
      organization: string;
      constraints: CustomConstraint[];
      /** By constraint id (`custom.…`): read for every constraint that implies a guardrail's rule. */
      enforcement: Record<string, ConstraintReading>;
    }
  | { read: 'no-organization'; project: string }
  | { read: false; why: string };
