# Terraform state: versioned, never public (terraform-state-conflict). GCS locks state during applies.
resource "google_storage_bucket" "state" {
  name                        = var.state_bucket
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }
}

# Exported backups: a retention policy, locked once you are sure (ransomware-corruption, accidental-db-deletion).
resource "google_storage_bucket" "backups" {
  name                        = var.backup_bucket
  location                    = "US"
  storage_class               = "NEARLINE"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  labels = {
    purpose = "backup"
  }

  retention_policy {
    retention_period = var.backup_retention_days * 86400
    is_locked        = var.lock_backup_retention
  }
}
