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
  # The three jobs differ only in what they run and how many tasks run it: one plans, var.shards audit in parallel,
  # one merges. null leaves Cloud Run's default.
  jobs = {
    plan = {
      args        = ["org", "plan", "--organization", var.organization, "--register", "/plan/risks.yaml", "--output", "/plan"]
      task_count  = 1
      parallelism = null
      max_retries = null
      timeout     = null
      limits      = null
    }
    audit = {
      args        = ["audit", "--plan", "/plan/plan.json", "--register", "/plan/risks.yaml", "--repo", "/plan/repo"]
      task_count  = var.shards
      parallelism = var.shards
      max_retries = 1
      timeout     = "3600s"
      limits = {
        cpu    = "1"
        memory = "1Gi"
      }
    }
    merge = {
      args        = ["merge", "--plan", "/plan/plan.json", "--formats", "md,json,html", "--output-dir", "/plan/report"]
      task_count  = 1
      parallelism = null
      max_retries = null
      timeout     = null
      limits      = null
    }
  }
}

resource "google_cloud_run_v2_job" "gtp" {
  for_each = local.jobs
  name     = "gtp-${each.key}"
  project  = var.project
  location = var.region
  template {
    task_count  = each.value.task_count
    parallelism = each.value.parallelism
    template {
      service_account       = var.service_account
      execution_environment = "EXECUTION_ENVIRONMENT_GEN2"
      max_retries           = each.value.max_retries
      timeout               = each.value.timeout
      containers {
        image = var.image
        args  = each.value.args
        dynamic "resources" {
          for_each = each.value.limits == null ? [] : [each.value.limits]
          content {
            limits = resources.value
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
