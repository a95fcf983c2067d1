resource "google_monitoring_notification_channel" "oncall" {
  display_name = "On-call"
  type         = "email"

  labels = {
    email_address = var.alert_email
  }
}

# Quota usage above 80 % of its limit (quota-exhaustion).
resource "google_monitoring_alert_policy" "quota" {
  display_name          = "Quota above 80%"
  combiner              = "OR"
  enabled               = true
  notification_channels = [google_monitoring_notification_channel.oncall.id]

  conditions {
    display_name = "quota allocation usage"
    condition_monitoring_query_language {
      duration = "60s"
      query    = <<-MQL
        fetch consumer_quota
        | { metric serviceruntime.googleapis.com/quota/allocation/usage | align next_older(1d)
          ; metric serviceruntime.googleapis.com/quota/limit | filter metric.limit_name =~ '.*' | align next_older(1d) }
        | join
        | value [ratio: val(0) / val(1)]
        | condition ratio > 0.8
      MQL
    }
  }
}

# An availability SLO on the web service and a fast-burn alert on it (bad-deployment: automated rollback).
resource "google_monitoring_custom_service" "web" {
  service_id   = "${var.name}-web"
  display_name = "web"
}

resource "google_monitoring_slo" "web_availability" {
  service             = google_monitoring_custom_service.web.service_id
  slo_id              = "availability"
  display_name        = "99.9% of requests succeed"
  goal                = 0.999
  rolling_period_days = 28

  request_based_sli {
    good_total_ratio {
      good_service_filter  = "metric.type=\"loadbalancing.googleapis.com/https/request_count\" resource.type=\"https_lb_rule\" metric.label.response_code_class=\"200\""
      total_service_filter = "metric.type=\"loadbalancing.googleapis.com/https/request_count\" resource.type=\"https_lb_rule\""
    }
  }
}

resource "google_monitoring_alert_policy" "slo_burn" {
  display_name          = "web SLO fast burn"
  combiner              = "OR"
  enabled               = true
  notification_channels = [google_monitoring_notification_channel.oncall.id]

  conditions {
    display_name = "burn rate above 10 over 1h"
    condition_threshold {
      filter          = "select_slo_burn_rate(\"${google_monitoring_slo.web_availability.id}\", \"3600s\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 10
      duration        = "0s"
    }
  }
}
