import terraformFix from './terraform.js';
import { stateBucketName } from '../../../gcp/collections.js';
import { defineCheck } from '../../types.js';

export default defineCheck({
  id: 'storage.state-bucket',
  title: 'The Terraform state bucket exists, keeps object versions and is never public',
  collects: ['storage.namedBuckets', 'repo.facts'],
  permissions: ['storage.buckets.get'],
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
    return {
      resources: [
        {
          name,
          verdict: versioning && prevention === 'enforced' ? 'pass' : 'fail',
          detail: `versioning.enabled=${versioning}, iamConfiguration.publicAccessPrevention=${prevention}`,
        },
      ],
    };
  },
});
