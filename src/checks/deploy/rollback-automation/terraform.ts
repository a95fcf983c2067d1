import { attr, blank, block, expr, tfName } from '../../../terraform/hcl.js';
import { failing, header, perCheck, variable } from '../../../terraform/kit.js';

/** deploy.rollback-automation: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => ({
  check: check.id,
  blocks: [
    header(
      check,
      'A failed rollout is rolled back without a person: make sure the verify job really tells good from bad.',
    ),
    variable('deployer_service_account', 'Service account the automation runs as (roles/clouddeploy.jobRunner).'),
    ...failing(check).map((r) => {
      const [location, pipeline] = r.name.split('/');
      return block(
        'resource',
        ['google_clouddeploy_automation', tfName(`${pipeline}-rollback`)],
        [
          ...attr('project', ctx.project),
          ...attr('location', location),
          ...attr('delivery_pipeline', pipeline),
          ...attr('name', 'rollback-on-failure'),
          ...attr('service_account', expr('var.deployer_service_account')),
          blank,
          block('selector', [], [block('targets', [], attr('id', '*'))]),
          blank,
          block(
            'rules',
            [],
            [
              block(
                'repair_rollout_rule',
                [],
                [
                  ...attr('id', 'repair'),
                  blank,
                  block('repair_phases', [], [block('retry', [], [...attr('attempts', 1), ...attr('wait', '60s')])]),
                  blank,
                  block('repair_phases', [], [block('rollback', [], [])]),
                ],
              ),
            ],
          ),
        ],
      );
    }),
  ],
}));
