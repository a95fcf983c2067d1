# A sharded organization audit on Cloud Run Jobs: one job plans, one audits in parallel tasks (each task reads its
# shard from CLOUD_RUN_TASK_INDEX and CLOUD_RUN_TASK_COUNT), one merges. The plan, the register, the application
# repository and every shard's output live in one Cloud Storage bucket, mounted at /plan in every task.
#
#   gcloud storage cp risks.yaml gs://BUCKET/risks.yaml && gcloud storage rsync -r . gs://BUCKET/repo
#   gcloud run jobs execute gtp-plan --wait && gcloud run jobs execute gtp-audit --wait \
#     && gcloud run jobs execute gtp-merge --wait        # the report is in gs://BUCKET/report/
#
# The service account needs the role `gtp iam role --organization ORG` writes, granted on the organization, and
# roles/storage.objectUser on the bucket.

variable "project" {
  type = string
}

variable "region" {
  type    = string
  default = "us-central1"
}

variable "organization" {
  description = "numeric organization id"
  type        = string
}

variable "bucket" {
  description = "the bucket the plan, the shards and the report are written to"
  type        = string
}

variable "image" {
  description = "gtp's image, built from the Dockerfile beside this file"
  type        = string
}

variable "service_account" {
  type = string
}

variable "shards" {
  description = "tasks the audit runs as; each uses its own share of the quotas (raise it for large organizations)"
  type        = number
  default     = 4
}

locals {
  # Each task mounts the bucket at /plan.
  volume = {
    name   = "plan"
    bucket = var.bucket
  }
}

resource "google_cloud_run_v2_job" "gtp_plan" {
  name     = "gtp-plan"
  project  = var.project
  location = var.region
  template {
    task_count = 1
    template {
      service_account       = var.service_account
      execution_environment = "EXECUTION_ENVIRONMENT_GEN2"
      containers {
        image = var.image
        args  = ["org", "plan", "--organization", var.organization, "--register", "/plan/risks.yaml", "--output", "/plan"]
        volume_mounts {
          name       = local.volume.name
          mount_path = "/plan"
        }
      }
      volumes {
        name = local.volume.name
        gcs {
          bucket    = local.volume.bucket
          read_only = false
        }
      }
    }
  }
}

resource "google_cloud_run_v2_job" "gtp_audit" {
  name     = "gtp-audit"
  project  = var.project
  location = var.region
  template {
    task_count  = var.shards
    parallelism = var.shards
    template {
      service_account       = var.service_account
      execution_environment = "EXECUTION_ENVIRONMENT_GEN2"
      max_retries           = 1
      timeout               = "3600s"
      containers {
        image = var.image
        args  = ["audit", "--plan", "/plan/plan.json", "--register", "/plan/risks.yaml", "--repo", "/plan/repo"]
        resources {
          limits = {
            cpu    = "1"
            memory = "1Gi"
          }
        }
        volume_mounts {
          name       = local.volume.name
          mount_path = "/plan"
        }
      }
      volumes {
        name = local.volume.name
        gcs {
          bucket    = local.volume.bucket
          read_only = false
        }
      }
    }
  }
}

resource "google_cloud_run_v2_job" "gtp_merge" {
  name     = "gtp-merge"
  project  = var.project
  location = var.region
  template {
    task_count = 1
    template {
      service_account       = var.service_account
      execution_environment = "EXECUTION_ENVIRONMENT_GEN2"
      containers {
        image = var.image
        args  = ["merge", "--plan", "/plan/plan.json", "--formats", "md,json,html", "--output-dir", "/plan/report"]
        volume_mounts {
          name       = local.volume.name
          mount_path = "/plan"
        }
      }
      volumes {
        name = local.volume.name
        gcs {
          bucket    = local.volume.bucket
          read_only = false
        }
      }
    }
  }
}
