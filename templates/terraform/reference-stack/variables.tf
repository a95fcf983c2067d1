variable "project_id" {
  description = "The production project."
  type        = string
}

variable "region" {
  description = "Primary region: the GKE cluster, Cloud SQL and Artifact Registry live here."
  type        = string
  default     = "us-central1"
}

variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "prod"
}

variable "billing_account" {
  description = "Billing account id (0X0X0X-0X0X0X-0X0X0X) the budget is set on."
  type        = string
}

variable "monthly_budget_usd" {
  description = "Monthly budget; alerts at 50, 90 and 100 % (forecast)."
  type        = number
  default     = 20000
}

variable "alert_email" {
  description = "Where alerts go."
  type        = string
}

variable "domain" {
  description = "Public hostname served by the load balancer (Google-managed certificate)."
  type        = string
}

variable "web_neg" {
  description = "Self link of the network endpoint group that serves the web app (created by GKE for the web Service)."
  type        = string
}

variable "db_tier" {
  description = "Cloud SQL machine tier."
  type        = string
  default     = "db-custom-4-16384"
}

variable "state_bucket" {
  description = "Name of the Terraform state bucket (the one given to terraform init)."
  type        = string
}

variable "backup_bucket" {
  description = "Name of the bucket that keeps exported backups."
  type        = string
}

variable "backup_retention_days" {
  description = "How long exported backups cannot be deleted or overwritten."
  type        = number
  default     = 30
}

variable "lock_backup_retention" {
  description = "Lock the backup bucket's retention policy. Irreversible: the period can then only grow, and the bucket cannot be deleted until every object has aged out."
  type        = bool
  default     = false
}

variable "deployer_service_account" {
  description = "Service account Cloud Deploy runs as (needs roles/clouddeploy.jobRunner and roles/container.developer)."
  type        = string
}
