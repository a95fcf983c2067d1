# deploy.rollback-automation: Every delivery pipeline has an active automation that rolls back a failed rollout
# Resources: us-central1/web
# Change: Add a google_clouddeploy_automation with a repair_rollout_rule whose repair_phases include rollback {}, and keep it unsuspended.
# Risks: A failed rollout is rolled back without a person: make sure the verify job really tells good from bad.
variable "deployer_service_account" {
  description = "Service account the automation runs as (roles/clouddeploy.jobRunner)."
  type        = string
}

resource "google_clouddeploy_automation" "web_rollback" {
  project           = "acme-prod"
  location          = "us-central1"
  delivery_pipeline = "web"
  name              = "rollback-on-failure"
  service_account   = var.deployer_service_account

  selector {
    targets {
      id = "*"
    }
  }

  rules {
    repair_rollout_rule {
      id = "repair"

      repair_phases {
        retry {
          attempts = 1
          wait     = "60s"
        }
      }

      repair_phases {
        rollback {}
      }
    }
  }
}
