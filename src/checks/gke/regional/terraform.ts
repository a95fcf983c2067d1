import { attr, block, tfName } from '../../../terraform/hcl.js';
import { failing, header, perCheck } from '../../../terraform/kit.js';

/** gke.regional: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => ({
  check: check.id,
  blocks: [
    header(
      check,
      'A zonal cluster cannot become regional in place: create the regional cluster below, move workloads to it, then delete the zonal one.',
    ),
    ...failing(check).map((r) => {
      const zone = /location=([^ ]+)/.exec(r.detail)?.[1] ?? '';
      return block(
        'resource',
        ['google_container_cluster', tfName(`${r.name}-regional`)],
        [
          ...attr('project', ctx.project),
          ...attr('name', `${r.name}-regional`),
          ...attr('location', zone.replace(/-[a-z]$/, '')),
          ...attr('initial_node_count', 1),
          ...attr('deletion_protection', true),
        ],
      );
    }),
  ],
}));
