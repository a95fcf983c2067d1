import { expr } from '../../../terraform/hcl.js';
import { header, perCheck, thresholdAlertPolicy, variable } from '../../../terraform/kit.js';

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
    thresholdAlertPolicy('slo_burn', {
      project: ctx.project,
      displayName: 'SLO fast burn',
      condition: 'burn rate above 10 over 1h',
      filter: expr('"select_slo_burn_rate(\\"${var.slo}\\", \\"3600s\\")"'),
      threshold: 10,
      duration: '0s',
    }),
  ],
}));
