import { attr, blank, block, expr } from '../../../terraform/hcl.js';
import { header, perCheck, variable } from '../../../terraform/kit.js';

/** gke.multi-region: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => ({
  check: check.id,
  blocks: [
    header(
      check,
      'A second regional cluster doubles the GKE bill; it serves only once the global load balancer sends it traffic (lb.global-external).',
    ),
    variable('secondary_region', 'The second region (the seed names us-east1).', 'string', 'us-east1'),
    block(
      'resource',
      ['google_container_cluster', 'secondary'],
      [
        ...attr('project', ctx.project),
        ...attr('name', 'prod-secondary'),
        ...attr('location', expr('var.secondary_region')),
        ...attr('initial_node_count', 1),
        ...attr('deletion_protection', true),
        blank,
        block('binary_authorization', [], attr('evaluation_mode', 'PROJECT_SINGLETON_POLICY_ENFORCE')),
      ],
    ),
  ],
}));
