# monitoring.quota-alert: An enabled alert policy on quota usage notifies someone before a quota runs out
# Resources: alert policies
# Change: Create a google_monitoring_alert_policy on serviceruntime.googleapis.com/quota/allocation/usage or rate/net_usage against the limit, with notification_channels that are enabled and verified, and end any snooze on it.
# Risks: Pages people when any quota passes 80 % of its limit.
variable "notification_channel" {
  description = "Notification channel id for the alert."
  type        = string
}

resource "google_monitoring_alert_policy" "quota" {
  project               = "acme-prod"
  display_name          = "Quota above 80%"
  combiner              = "OR"
  enabled               = true
  notification_channels = [var.notification_channel]

  conditions {
    display_name = "quota allocation usage"

    condition_threshold {
      filter          = "metric.type=\"serviceruntime.googleapis.com/quota/allocation/usage\" resource.type=\"consumer_quota\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0.8
      duration        = "60s"
    }
  }
}
