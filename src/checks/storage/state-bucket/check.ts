import { MalformedEvidence } from '../../evidence.js';
import terraformFix from './terraform.js';
import { stateBucketName } from '../../../gcp/collections.js';
import { defineCheck } from '../../types.js';
import { enforcementOf } from '../../../orgpolicy/model.js';

export default defineCheck({
  id: 'storage.state-bucket',
  title: 'The Terraform state bucket exists, keeps object versions and is never public',
  collects: ['storage.namedBuckets', 'repo.facts', 'orgpolicy.stateBucketPrevention'],
  permissions: [
    'orgpolicy.policies.get',
    'resourcemanager.folders.get',
    'resourcemanager.projects.get',
    'storage.buckets.get',
  ],
  remediation: {
    terraform: terraformFix,
    text: 'On the state bucket set versioning { enabled = true } and public_access_prevention = "enforced"; GCS then keeps every state version and locks state during applies.',
  },
  evaluate(data) {
    const name = stateBucketName(data.resources, data.get('repo.facts'));
    if (!name)
      return {
        resources: [
          {
            name: 'terraform state',
            verdict: 'not-applicable',
            detail:
              'no state bucket: none in resources.terraformStateBucket, none in a backend "gcs" of the repository',
          },
        ],
      };
    const bucket = data.get('storage.namedBuckets')[name];
    if (!bucket)
      return {
        resources: [{ name, verdict: 'fail', detail: 'the bucket does not exist (or is not visible to the caller)' }],
      };
    const versioning = bucket.versioning?.enabled === true;
    const prevention = bucket.iamConfiguration?.publicAccessPrevention ?? 'inherited';
    const detail = `versioning.enabled=${versioning}, iamConfiguration.publicAccessPrevention=${prevention}`;
    if (versioning && prevention !== 'enforced' && prevention !== 'inherited' && prevention !== 'unspecified')
      throw new MalformedEvidence(
        `${name}: iamConfiguration.publicAccessPrevention=${prevention} is not a value gtp knows`,
      );
    // "inherited" ("unspecified" is its older name): the bucket prevents public access only where the organization
    // policy constraint storage.publicAccessPrevention is enforced on its project or above (Cloud Storage: public
    // access prevention), judged from the effective policy of the bucket's own project.
    if (versioning && prevention !== 'enforced') {
      const policy = data.get('orgpolicy.stateBucketPrevention');
      if (policy.read !== true)
        throw new MalformedEvidence(
          `${name}: ${detail}: public access is prevented only if the organization policy storage.publicAccessPrevention is enforced on the bucket's project, and it could not be read: ${policy.read === false ? policy.why : 'not read'}`,
        );
      const enforcement = enforcementOf(policy);
      if (enforcement.state === 'unknown') throw new MalformedEvidence(`${name}: ${detail}: ${enforcement.why}`);
      return {
        resources: [
          {
            name,
            verdict: enforcement.state === 'enforced' ? 'pass' : 'fail',
            detail: `${detail}: ${enforcement.why}`,
          },
        ],
      };
    }
    return {
      resources: [
        {
          name,
          verdict: versioning && prevention === 'enforced' ? 'pass' : 'fail',
          detail,
        },
      ],
    };
  },
});
