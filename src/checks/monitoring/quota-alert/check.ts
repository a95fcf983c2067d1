import terraformFix from './terraform.js';
import { defineCheck } from '../../types.js';
import { queriesOf } from '../../../gcp/model/monitoring.js';
import { judgeAlerts, NOTIFYING_COLLECTIONS, NOTIFYING_PERMISSIONS } from '../notifying.js';

const QUOTA_METRICS = 'serviceruntime.googleapis.com/quota/';
/**
 * The same metrics as PromQL names them: the first `/` becomes `:`, and every other character that is not a
 * letter, digit or `_` becomes `_` (Cloud Monitoring: mapping metric names to PromQL), so
 * serviceruntime.googleapis.com/quota/allocation/usage is serviceruntime_googleapis_com:quota_allocation_usage.
 */
const QUOTA_METRICS_PROMQL = 'serviceruntime_googleapis_com:quota_';

export default defineCheck({
  id: 'monitoring.quota-alert',
  title: 'An enabled alert policy on quota usage notifies someone before a quota runs out',
  collects: ['monitoring.alertPolicies', ...NOTIFYING_COLLECTIONS],
  permissions: ['monitoring.alertPolicies.list', ...NOTIFYING_PERMISSIONS],
  remediation: {
    terraform: terraformFix,
    text: `Create a google_monitoring_alert_policy on ${QUOTA_METRICS}allocation/usage or rate/net_usage against the limit, with notification_channels that are enabled and verified, and end any snooze on it.`,
  },
  // Every project consumes quota, so this check always applies: no policy at all is a failure.
  evaluate(data) {
    const quota = data
      .get('monitoring.alertPolicies')
      .filter((p) => queriesOf(p).some((q) => q.includes(QUOTA_METRICS) || q.includes(QUOTA_METRICS_PROMQL)));
    return judgeAlerts(
      data,
      quota,
      'quota metric condition',
      `no enabled alert policy on ${QUOTA_METRICS}* notifies a channel that delivers`,
    );
  },
});
