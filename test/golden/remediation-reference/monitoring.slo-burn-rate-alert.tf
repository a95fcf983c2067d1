# monitoring.slo-burn-rate-alert: An enabled alert policy fires on SLO burn rate, so a bad release is caught by its error budget
# Resources: alert policies
# Change: Create a google_monitoring_alert_policy whose condition_threshold filter is select_slo_burn_rate("<slo name>", "3600s"), with notification channels that are enabled and verified, and end any snooze on it.
# Risks: Pages people: tune the threshold (10× burn over an hour is a common fast-burn alert) before routing it to on-call.
variable "slo" {
  description = "Full name of the SLO: projects/P/services/S/serviceLevelObjectives/O."
  type        = string
}

variable "notification_channel" {
  description = "Notification channel id for the alert."
  type        = string
}

resource "google_monitoring_alert_policy" "slo_burn" {
  project               = "acme-prod"
  display_name          = "SLO fast burn"
  combiner              = "OR"
  enabled               = true
  notification_channels = [var.notification_channel]

  conditions {
    display_name = "burn rate above 10 over 1h"

    condition_threshold {
      filter          = "select_slo_burn_rate(\"${var.slo}\", \"3600s\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 10
      duration        = "0s"
    }
  }
}
