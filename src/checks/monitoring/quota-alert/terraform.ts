import { attr, blank, block, expr } from '../../../terraform/hcl.js';
import { header, perCheck, variable } from '../../../terraform/kit.js';

/** monitoring.quota-alert: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => ({
  check: check.id,
  blocks: [
    header(check, 'Pages people when any quota passes 80 % of its limit.'),
    variable('notification_channel', 'Notification channel id for the alert.'),
    block(
      'resource',
      ['google_monitoring_alert_policy', 'quota'],
      [
        ...attr('project', ctx.project),
        ...attr('display_name', 'Quota above 80%'),
        ...attr('combiner', 'OR'),
        ...attr('enabled', true),
        ...attr('notification_channels', [expr('var.notification_channel')]),
        blank,
        block(
          'conditions',
          [],
          [
            ...attr('display_name', 'quota allocation usage'),
            blank,
            block(
              'condition_threshold',
              [],
              [
                ...attr(
                  'filter',
                  'metric.type="serviceruntime.googleapis.com/quota/allocation/usage" resource.type="consumer_quota"',
                ),
                ...attr('comparison', 'COMPARISON_GT'),
                ...attr('threshold_value', 0.8),
                ...attr('duration', '60s'),
              ],
            ),
          ],
        ),
      ],
    ),
  ],
}));
