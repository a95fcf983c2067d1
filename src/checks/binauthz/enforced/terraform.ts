import { attr, blank, block, expr } from '../../../terraform/hcl.js';
import { failing, header, perCheck, variable } from '../../../terraform/kit.js';

/** binauthz.enforced: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => {
  // Failing overrides and allowlist entries are named `field[key]`; every other failing name but the policy's is a cluster.
  const isPolicyEntry = (name: string) => /^[A-Za-z]+\[/.test(name);
  const clusters = failing(check)
    .filter((r) => r.name !== 'policy' && !isPolicyEntry(r.name))
    .map((r) => r.name);
  const entries = failing(check)
    .filter((r) => isPolicyEntry(r.name))
    .map((r) => r.name);
  const policy = failing(check).some((r) => r.name === 'policy');
  return {
    check: check.id,
    blocks: [
      header(
        check,
        'Enforcement blocks every image without an attestation: attest what CI builds first, and try DRYRUN_AUDIT_LOG_ONLY before ENFORCED_BLOCK_AND_AUDIT_LOG.',
        [
          ...(clusters.length
            ? [
                '',
                'On each cluster resource below, set binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" }:',
                ...clusters.map((c) => `  google_container_cluster for ${c}`),
              ]
            : []),
          ...(entries.length
            ? [
                '',
                'In google_binary_authorization_policy, make these entries enforce (or remove them):',
                ...entries.map((e) => `  ${e}`),
              ]
            : []),
        ],
      ),
      ...(policy
        ? [
            variable('attestor', 'Attestor that CI signs with, e.g. projects/P/attestors/built-by-ci.'),
            block(
              'resource',
              ['google_binary_authorization_policy', 'policy'],
              [
                ...attr('project', ctx.project),
                ...attr('global_policy_evaluation_mode', 'ENABLE'),
                blank,
                block(
                  'default_admission_rule',
                  [],
                  [
                    ...attr('evaluation_mode', 'REQUIRE_ATTESTATION'),
                    ...attr('enforcement_mode', 'ENFORCED_BLOCK_AND_AUDIT_LOG'),
                    ...attr('require_attestations_by', [expr('var.attestor')]),
                  ],
                ),
              ],
            ),
          ]
        : []),
    ],
  };
});
