import { header, perCheck, thresholdAlertPolicy, variable } from '../../../terraform/kit.js';

/** monitoring.quota-alert: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => ({
  check: check.id,
  blocks: [
    header(check, 'Pages people when any quota passes 80 % of its limit.'),
    variable('notification_channel', 'Notification channel id for the alert.'),
    thresholdAlertPolicy('quota', {
      project: ctx.project,
      displayName: 'Quota above 80%',
      condition: 'quota allocation usage',
      filter: 'metric.type="serviceruntime.googleapis.com/quota/allocation/usage" resource.type="consumer_quota"',
      threshold: 0.8,
      duration: '60s',
    }),
  ],
}));
