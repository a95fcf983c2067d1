import * as z from 'zod';
import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { MalformedEvidence, shaped } from '../../evidence.js';
import {
  admitsWholeRegistry,
  OVERRIDE_MAPS,
  ruleEnforces,
  type AdmissionRule,
  type Policy,
} from '../../../gcp/model/binauthz.js';

const rule = z.looseObject({ evaluationMode: z.string().optional(), enforcementMode: z.string().optional() });
const rules = z.record(z.string(), rule).optional();
/** The fields that decide what the policy admits: of another shape, the policy cannot be judged. */
const policySchema = z.looseObject({
  defaultAdmissionRule: rule.optional(),
  clusterAdmissionRules: rules,
  kubernetesNamespaceAdmissionRules: rules,
  kubernetesServiceAccountAdmissionRules: rules,
  istioServiceIdentityAdmissionRules: rules,
  admissionWhitelistPatterns: z.array(z.looseObject({ namePattern: z.string().optional() })).optional(),
});

const describeRule = (r: AdmissionRule | undefined) =>
  `evaluationMode=${r?.evaluationMode ?? 'unset'}, enforcementMode=${r?.enforcementMode ?? 'unset'}`;

// Google ships no Node client for Binary Authorization: its policy is read through the REST API with the same
// Application Default Credentials (src/gcp/live-source.ts); this check only judges what came back.
//
// What a cluster admits is decided by the rule that applies to it: its own entry in clusterAdmissionRules
// (`location.clusterId`) or else the default rule; a namespace, service-account or Istio-identity rule replaces
// the default for the workloads it names on every cluster; and an allowlisted image is admitted whatever the rules.
export default defineCheck({
  id: 'binauthz.enforced',
  title: 'Binary Authorization admits only attested images, and every cluster enforces it',
  collects: ['binauthz.policy', 'gke.clusters'],
  permissions: ['binaryauthorization.policy.get', 'container.clusters.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Set google_binary_authorization_policy.default_admission_rule (and every cluster, namespace or identity override) to REQUIRE_ATTESTATION / ENFORCED_BLOCK_AND_AUDIT_LOG, allowlist only specific system images, and set binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" } on each cluster.',
  },
  evaluate(data) {
    const clusters = data.get('gke.clusters');
    if (clusters.length === 0) return { resources: [] };
    const read = data.get('binauthz.policy');
    if (!read) throw new MalformedEvidence('the policy was not read, though the project has clusters');
    const policy: Policy = shaped(policySchema, read, 'binauthz.policy');
    const clusterRules = policy.clusterAdmissionRules ?? {};
    const resources: ResourceVerdict[] = [];

    // Workload overrides apply on every cluster: one that admits unattested images opens every cluster to them.
    for (const map of OVERRIDE_MAPS.slice(1)) {
      for (const [key, r] of Object.entries(policy[map] ?? {})) {
        resources.push({
          name: `${map}[${key}]`,
          verdict: ruleEnforces(r) ? 'pass' : 'fail',
          detail: `${describeRule(r)}: replaces the default rule for ${key} on every cluster`,
        });
      }
    }
    for (const { namePattern } of policy.admissionWhitelistPatterns ?? []) {
      const pattern = namePattern ?? '';
      const whole = pattern === '' || admitsWholeRegistry(pattern);
      resources.push({
        name: `admissionWhitelistPatterns[${pattern}]`,
        verdict: whole ? 'fail' : 'pass',
        detail: whole
          ? 'always admits every image of a whole registry, attested or not'
          : 'always admits the images it names, attested or not (keep it to system images)',
      });
    }

    let defaultUsed = false;
    for (const cluster of clusters) {
      const name = cluster.name ?? '(unnamed cluster)';
      const key = `${cluster.location ?? '?'}.${name}`;
      const override = clusterRules[key];
      if (!override) defaultUsed = true;
      const applied = override ?? policy.defaultAdmissionRule;
      const mode =
        cluster.binaryAuthorization?.evaluationMode ??
        (cluster.binaryAuthorization?.enabled ? 'enabled (legacy flag)' : 'DISABLED');
      const evaluates = mode === 'PROJECT_SINGLETON_POLICY_ENFORCE' || mode === 'enabled (legacy flag)';
      const enforced = ruleEnforces(applied);
      resources.push({
        name,
        verdict: evaluates && enforced ? 'pass' : 'fail',
        detail: `binaryAuthorization.evaluationMode=${mode}; ${override ? `clusterAdmissionRules[${key}]` : 'defaultAdmissionRule'}: ${describeRule(applied)}`,
      });
    }
    // Cluster rules naming no cluster of this project still decide for a cluster created under that name later.
    for (const [key, r] of Object.entries(clusterRules)) {
      if (clusters.some((c) => `${c.location ?? '?'}.${c.name ?? '(unnamed cluster)'}` === key)) continue;
      resources.push({
        name: `clusterAdmissionRules[${key}]`,
        verdict: ruleEnforces(r) ? 'pass' : 'fail',
        detail: `${describeRule(r)}: for a cluster ${key}, none of which exists now`,
      });
    }
    const defaultEnforced = ruleEnforces(policy.defaultAdmissionRule);
    resources.unshift({
      name: 'policy',
      verdict: defaultEnforced ? 'pass' : defaultUsed ? 'fail' : 'not-applicable',
      detail: `defaultAdmissionRule.${describeRule(policy.defaultAdmissionRule)}${defaultUsed || defaultEnforced ? '' : ' (every cluster has its own rule)'}`,
    });
    return { resources };
  },
});
