# iam.data-access-logs: Data Access audit logs (admin read, data read, data write) are on for all services
# Resources: allServices
# Change: Add google_project_iam_audit_config { service = "allServices" } with audit_log_config for ADMIN_READ, DATA_READ and DATA_WRITE (or the same on the folder or organization above, which every project below inherits), and keep a sink that stores cloudaudit.googleapis.com/data_access: the _Default sink enabled, with no exclusion that matches it.
# Risks: Data Access logs are billed by volume above the free allotment; exempt noisy service accounts with exempted_members if needed.
resource "google_project_iam_audit_config" "all_services" {
  project = "acme-prod"
  service = "allServices"

  audit_log_config {
    log_type = "ADMIN_READ"
  }

  audit_log_config {
    log_type = "DATA_READ"
  }

  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
