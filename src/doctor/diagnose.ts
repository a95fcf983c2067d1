import type { Access } from './probe.js';
import type { Requirement } from './requirements.js';
import { ROLE_HOLDERS, type RoleHolder } from './role.js';

export interface Diagnosis {
  project: string;
  ok: boolean;
  checks: {
    check: string;
    ok: boolean;
    missingPermissions: string[];
    missingBillingAccountPermissions: string[];
    disabledApis: string[];
    /** What could not be determined: never reported as fine. */
    unknown: string[];
  }[];
  fixes: string[];
  problems: string[];
  /** Permissions read on the folders and organization above the project: named, not tested there. */
  ancestorPermissions: string[];
  /** One setting that stands before everything else, and its fix (a user credential without a quota project). */
  cause?: { said: string; fix: string };
}

/** Compares what each check needs with what the caller holds and the project has enabled. Pure. */
export function diagnose(
  project: string,
  requirements: readonly Requirement[],
  access: Access,
  holder: RoleHolder = 'audit',
): Diagnosis {
  const { roleId } = ROLE_HOLDERS[holder];
  const checks = requirements.map((r) => {
    const unknown: string[] = [];
    // A failed testIamPermissions says nothing about what is held: unknown, never "all missing".
    const held = access.projectPermissions;
    const missingPermissions = held ? r.projectPermissions.filter((p) => !held.has(p)) : [];
    if (!held && r.projectPermissions.length > 0) unknown.push('project permissions');
    let missingBillingAccountPermissions: string[] = [];
    if (r.billingAccountPermissions.length > 0) {
      if (access.billingAccountPermissions)
        missingBillingAccountPermissions = r.billingAccountPermissions.filter(
          (p) => !access.billingAccountPermissions!.has(p),
        );
      else if (access.billingAccount === undefined && !access.problems.some((p) => p.startsWith('billing')))
        missingBillingAccountPermissions = [];
      else unknown.push('billing account permissions');
    }
    const disabledApis = access.enabledApis ? r.apis.filter((api) => !access.enabledApis!.has(api)) : [];
    if (!access.enabledApis) unknown.push('enabled APIs');
    const ok =
      missingPermissions.length === 0 &&
      missingBillingAccountPermissions.length === 0 &&
      disabledApis.length === 0 &&
      unknown.length === 0;
    return { check: r.check, ok, missingPermissions, missingBillingAccountPermissions, disabledApis, unknown };
  });
  const apis = [...new Set(checks.flatMap((c) => c.disabledApis))].sort();
  const fixes: string[] = [];
  if (apis.length > 0) fixes.push(`gcloud services enable ${apis.join(' ')} --project=${project}`);
  if (checks.some((c) => c.missingPermissions.length > 0)) {
    fixes.push(
      `gtp iam role${holder === 'drill' ? ' --for drill' : ''} --format gcloud --project ${project} | sh   # creates projects/${project}/roles/${roleId}`,
      `gcloud projects add-iam-policy-binding ${project} --member=MEMBER --role=projects/${project}/roles/${roleId}`,
    );
  }
  if (checks.some((c) => c.missingBillingAccountPermissions.length > 0)) {
    fixes.push(
      `gcloud billing accounts add-iam-policy-binding ${access.billingAccount ?? 'BILLING_ACCOUNT'} --member=MEMBER --role=roles/billing.viewer`,
    );
  }
  const ancestorPermissions = [...new Set(requirements.flatMap((r) => r.ancestorPermissions))].sort();
  // A user credential without a quota project is refused by client-based APIs whatever the roles: said first.
  const cause = access.quotaProjectRefusedBy
    ? {
        said: `the user credentials name no quota project, and ${access.quotaProjectRefusedBy} refused them for it`,
        fix: `gcloud auth application-default set-quota-project ${project}`,
      }
    : undefined;
  if (cause) fixes.unshift(cause.fix);
  return {
    project,
    ok: checks.every((c) => c.ok) && !cause,
    checks,
    fixes,
    problems: access.problems,
    ancestorPermissions,
    ...(cause ? { cause } : {}),
  };
}

export function renderDiagnosis(d: Diagnosis): string {
  const lines = [
    `# gtp doctor: ${d.project}`,
    '',
    ...(d.cause ? [`**First: ${d.cause.said}.** Fix: \`${d.cause.fix}\``, ''] : []),
    '| check | ready | missing permissions | disabled APIs |',
    '| :--- | :--- | :--- | :--- |',
    ...d.checks.map((c) => {
      const permissions = [
        ...c.missingPermissions,
        ...c.missingBillingAccountPermissions.map((p) => `${p} (billing account)`),
      ];
      const state = c.ok
        ? '✅'
        : c.unknown.length > 0 && permissions.length === 0 && c.disabledApis.length === 0
          ? `❔ unknown: ${c.unknown.join(', ')}`
          : '❌';
      return `| \`${c.check}\` | ${state} | ${permissions.join(', ') || '—'} | ${c.disabledApis.join(', ') || '—'} |`;
    }),
    '',
  ];
  if (d.problems.length > 0) lines.push('Could not check:', ...d.problems.map((p) => `- ${p}`), '');
  if (d.ancestorPermissions.length > 0)
    lines.push(
      `Read on the folders and organization above the project, where doctor does not test them: ${d.ancestorPermissions.join(', ')}. Without them, inherited settings are unverified.`,
      '',
    );
  if (d.fixes.length > 0) lines.push('To fix:', '', '```sh', ...d.fixes, '```', '');
  lines.push(
    d.ok
      ? 'Every selected check has what it needs.'
      : `${d.checks.filter((c) => !c.ok).length} of ${d.checks.length} checks are not ready.`,
  );
  return `${lines.join('\n')}\n`;
}
