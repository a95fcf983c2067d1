# Releases go staging → prod, prod as a canary, and a failed rollout is rolled back (bad-deployment).
resource "google_clouddeploy_target" "staging" {
  name     = "staging"
  location = var.region

  gke {
    cluster = google_container_cluster.prod.id
  }
}

resource "google_clouddeploy_target" "prod" {
  name             = "prod"
  location         = var.region
  require_approval = true

  gke {
    cluster = google_container_cluster.prod.id
  }
}

resource "google_clouddeploy_delivery_pipeline" "web" {
  name     = "web"
  location = var.region

  serial_pipeline {
    stages {
      target_id = google_clouddeploy_target.staging.name
      profiles  = ["staging"]
    }

    stages {
      target_id = google_clouddeploy_target.prod.name
      profiles  = ["prod"]

      strategy {
        canary {
          runtime_config {
            kubernetes {
              service_networking {
                service    = "web"
                deployment = "web"
              }
            }
          }
          canary_deployment {
            percentages = [10, 50]
            verify      = true
          }
        }
      }
    }
  }
}

resource "google_clouddeploy_automation" "rollback" {
  name              = "rollback-on-failure"
  location          = var.region
  delivery_pipeline = google_clouddeploy_delivery_pipeline.web.name
  service_account   = var.deployer_service_account

  selector {
    targets {
      id = google_clouddeploy_target.prod.name
    }
  }

  rules {
    repair_rollout_rule {
      id   = "repair"
      jobs = ["verify"]

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
