import { attr, blank, block, expr } from '../../../terraform/hcl.js';
import { header, perCheck, variable } from '../../../terraform/kit.js';

/** monitoring.slo-burn-rate-alert: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => ({
  check: check.id,
  blocks: [
    header(
      check,
      'Pages people: tune the threshold (10× burn over an hour is a common fast-burn alert) before routing it to on-call.',
    ),
    variable('slo', 'Full name of the SLO: projects/P/services/S/serviceLevelObjectives/O.'),
    variable('notification_channel', 'Notification channel id for the alert.'),
    block(
      'resource',
      ['google_monitoring_alert_policy', 'slo_burn'],
      [
        ...attr('project', ctx.project),
        ...attr('display_name', 'SLO fast burn'),
        ...attr('combiner', 'OR'),
        ...attr('enabled', true),
        ...attr('notification_channels', [expr('var.notification_channel')]),
        blank,
        block(
          'conditions',
          [],
          [
            ...attr('display_name', 'burn rate above 10 over 1h'),
            blank,
            block(
              'condition_threshold',
              [],
              [
                ...attr('filter', expr('"select_slo_burn_rate(\\"${var.slo}\\", \\"3600s\\")"')),
                ...attr('comparison', 'COMPARISON_GT'),
                ...attr('threshold_value', 10),
                ...attr('duration', '0s'),
              ],
            ),
          ],
        ),
      ],
    ),
  ],
}));
