import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { MalformedEvidence } from '../../evidence.js';
import { IAM_HIERARCHY_PERMISSIONS } from '../hierarchy.js';
import type { Binding, Policy } from '../../../gcp/model/iam.js';
import type { Entitlement } from '../../../gcp/model/pam.js';

/**
 * Roles that are privilege itself: the basic roles that can change everything (IAM, "Basic roles": Owner and
 * Editor), and the roles whose holder can grant itself any other role or act as a service account that has one
 * (IAM role reference: Project IAM Admin, Folder IAM Admin, Organization Administrator, Security Admin, Service
 * Account Token Creator, Service Account Key Admin). The register's settings.privilegedRoles extends the list.
 */
export const PRIVILEGED_ROLES = [
  'roles/owner',
  'roles/editor',
  'roles/resourcemanager.projectIamAdmin',
  'roles/resourcemanager.folderIamAdmin',
  'roles/resourcemanager.organizationAdmin',
  'roles/iam.securityAdmin',
  'roles/iam.serviceAccountTokenCreator',
  'roles/iam.serviceAccountKeyAdmin',
];

/** Principals that are people, or everyone (IAM principal identifiers: users, groups, domains, workforce pools). */
const PERSON =
  /^(user:|group:|domain:|principal:\/\/iam\.googleapis\.com\/locations\/global\/workforcePools\/|principalSet:\/\/iam\.googleapis\.com\/locations\/global\/workforcePools\/)/;
const EVERYONE = new Set(['allUsers', 'allAuthenticatedUsers']);
/** Google-managed service agents (service-NUMBER@…, NUMBER@cloudservices…, …@gcp-sa-….iam): not people. */
const SERVICE_AGENT =
  /^serviceAccount:(service-\d+@|\d+@cloudservices\.gserviceaccount\.com$|[^@]+@gcp-sa-[a-z0-9-]+\.iam\.gserviceaccount\.com$)/;

/** A condition's end, when its expression is `request.time < timestamp("…")` (alone or AND-ed with others). */
function expiryOf(expression: string | undefined): number | undefined {
  if (!expression || /\|\|/.test(expression)) return undefined;
  for (const conjunct of expression.split('&&')) {
    const end = /^\s*\(?\s*request\.time\s*<=?\s*timestamp\(\s*["']([^"']+)["']\s*\)\s*\)?\s*$/.exec(conjunct)?.[1];
    if (end !== undefined) {
      const at = Date.parse(end);
      if (!Number.isNaN(at)) return at;
    }
  }
  return undefined;
}

/** A google.protobuf.Duration in JSON ("3600s"), in seconds. */
function seconds(duration: string | undefined): number | undefined {
  const match = /^(\d+)(\.\d+)?s$/.exec(duration ?? '');
  return match ? Number(match[1]) + Number(match[2] ?? 0) : undefined;
}

function describeEntitlement(e: Entitlement, roles: string[]): string {
  const who = (e.eligibleUsers ?? []).flatMap((u) => u.principals ?? []).join(', ') || 'nobody';
  const hours = (seconds(e.maxRequestDuration) ?? 0) / 3600;
  const steps = e.approvalWorkflow?.manualApprovals?.steps ?? [];
  const approvers = steps.flatMap((s) => (s.approvers ?? []).flatMap((a) => a.principals ?? []));
  return `${roles.join(', ')} for ${who}, at most ${hours} h a request, ${steps.length > 0 ? `approved by ${approvers.join(', ') || 'nobody named'}` : 'without approval'}`;
}

export default defineCheck({
  id: 'iam.just-in-time-access',
  title: 'No person holds a privileged role standing: owner-level access is requested just in time (PAM) and expires',
  collects: ['resourcemanager.iamPolicy', 'resourcemanager.ancestorPolicies', 'pam.entitlements'],
  permissions: ['privilegedaccessmanager.entitlements.list', ...IAM_HIERARCHY_PERMISSIONS],
  remediation: {
    terraform: terraformFix,
    text: 'Remove standing bindings of privileged roles to people and grant them through a Privileged Access Manager entitlement (google_privileged_access_manager_entitlement) with a short max_request_duration and an approver, or bind them with a condition that expires.',
  },
  evaluate(data) {
    const privileged = new Set([...PRIVILEGED_ROLES, ...(data.settings.privilegedRoles ?? [])]);
    const above = data.get('resourcemanager.ancestorPolicies');
    const levels: { name: string; policy: Policy }[] = [
      { name: `projects/${data.project}`, policy: data.get('resourcemanager.iamPolicy') },
      ...above.policies.map((p) => ({ name: p.resource, policy: p.policy })),
    ];
    const resources: ResourceVerdict[] = [];
    for (const { name, policy } of levels)
      for (const binding of policy.bindings ?? []) {
        if (!binding.role || !privileged.has(binding.role)) continue;
        for (const member of binding.members ?? []) {
          const verdict = judgeMember(member, binding, name, data.now);
          if (!verdict) continue;
          resources.push(verdict);
        }
      }
    const entitlements = data.get('pam.entitlements');
    for (const level of entitlements.levels)
      for (const e of level.entitlements) {
        const roles = (e.privilegedAccess?.gcpIamAccess?.roleBindings ?? [])
          .map((b) => b.role ?? '')
          .filter((r) => privileged.has(r));
        if (roles.length === 0) continue;
        const usable = e.state === 'AVAILABLE' && (seconds(e.maxRequestDuration) ?? 0) > 0;
        resources.push({
          name: e.name ?? `${level.resource} entitlement`,
          verdict: usable ? 'pass' : 'not-applicable',
          detail: usable
            ? `just in time: ${describeEntitlement(e, roles)}`
            : `not usable (state ${e.state ?? 'unset'}, maxRequestDuration ${e.maxRequestDuration ?? 'unset'})`,
        });
      }
    if (resources.some((r) => r.verdict === 'fail')) return { resources, outcome: 'fail' };
    // A standing binding above the project, or an entitlement there, may be what gtp could not read.
    const unread = [...above.unreadable, ...entitlements.unreadable];
    if (unread.length > 0)
      throw new MalformedEvidence(
        `no standing privileged binding at the levels read; could not read ${unread.join('; ')}`,
      );
    if (resources.some((r) => r.verdict === 'pass')) return { resources, outcome: 'pass' };
    resources.push({
      name: 'privileged roles',
      verdict: 'not-applicable',
      detail: `no person holds or may request ${[...privileged].join(', ')}`,
    });
    return { resources };
  },
});

/** One member of a privileged binding: a person standing (fail), a person until a time (pass), or not a person. */
function judgeMember(member: string, binding: Binding, level: string, now: Date): ResourceVerdict | undefined {
  const where = level.startsWith('projects/') ? '' : ` (inherited from ${level})`;
  if (SERVICE_AGENT.test(member)) return undefined;
  if (member.startsWith('deleted:')) return undefined;
  if (member.startsWith('serviceAccount:'))
    return {
      name: member,
      verdict: 'not-applicable',
      detail: `${binding.role}${where}: a service account, not a person; its keys and who may act as it decide who holds this`,
    };
  if (!PERSON.test(member) && !EVERYONE.has(member)) return undefined;
  const end = expiryOf(binding.condition?.expression);
  if (end !== undefined && end <= now.getTime()) return undefined;
  if (end !== undefined)
    return {
      name: member,
      verdict: 'pass',
      detail: `${binding.role}${where} until ${new Date(end).toISOString()} (condition ${binding.condition?.title ?? 'untitled'})`,
    };
  return {
    name: member,
    verdict: 'fail',
    detail: `${binding.role}${where}, standing${binding.condition?.expression ? ` (its condition does not expire: ${binding.condition.expression})` : ''}`,
  };
}
