import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';

// Google ships no Node client for Binary Authorization: its policy is read through the REST API with the same
// Application Default Credentials (src/gcp/live-source.ts); this check only judges what came back.
export default defineCheck({
  id: 'binauthz.enforced',
  title: 'Binary Authorization admits only attested images, and every cluster enforces it',
  collects: ['binauthz.policy', 'gke.clusters'],
  permissions: ['binaryauthorization.policy.get', 'container.clusters.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Set google_binary_authorization_policy.default_admission_rule to REQUIRE_ATTESTATION / ENFORCED_BLOCK_AND_AUDIT_LOG and binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" } on each cluster.',
  },
  evaluate(data) {
    const clusters = data.get('gke.clusters');
    if (clusters.length === 0) return { resources: [] };
    const rule = data.get('binauthz.policy').defaultAdmissionRule ?? {};
    const policyEnforced =
      rule.evaluationMode === 'REQUIRE_ATTESTATION' && rule.enforcementMode === 'ENFORCED_BLOCK_AND_AUDIT_LOG';
    const resources: ResourceVerdict[] = [
      {
        name: 'policy',
        verdict: policyEnforced ? 'pass' : 'fail',
        detail: `defaultAdmissionRule.evaluationMode=${rule.evaluationMode ?? 'unset'}, enforcementMode=${rule.enforcementMode ?? 'unset'}`,
      },
    ];
    for (const cluster of clusters) {
      const mode =
        cluster.binaryAuthorization?.evaluationMode ??
        (cluster.binaryAuthorization?.enabled ? 'enabled (legacy flag)' : 'DISABLED');
      const enforces = mode === 'PROJECT_SINGLETON_POLICY_ENFORCE' || mode === 'enabled (legacy flag)';
      resources.push({
        name: cluster.name ?? '(unnamed cluster)',
        verdict: enforces ? 'pass' : 'fail',
        detail: `binaryAuthorization.evaluationMode=${mode}`,
      });
    }
    return { resources };
  },
});
