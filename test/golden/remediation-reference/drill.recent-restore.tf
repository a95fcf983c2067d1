# drill.recent-restore: Every primary Cloud SQL instance had a passing restore drill recently
# Resources: orders-db
# Change: Run `gtp drill restore --project P --instance I --verify checks.yaml --evidence gs://BUCKET/drills` on a schedule (weekly in CI), and audit with the same --evidence.
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
