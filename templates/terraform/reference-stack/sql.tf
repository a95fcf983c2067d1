# HA PostgreSQL with PITR, automated backups and both deletion protections:
# Terraform's deletion_protection stops `terraform destroy`; settings.deletion_protection_enabled stops the API,
# the console and gcloud (accidental-db-deletion).
resource "google_sql_database_instance" "orders" {
  name                = "${var.name}-orders"
  database_version    = "POSTGRES_15"
  region              = var.region
  deletion_protection = true

  settings {
    tier                        = var.db_tier
    availability_type           = "REGIONAL"
    deletion_protection_enabled = true

    backup_configuration {
      enabled                        = true
      start_time                     = "03:00"
      point_in_time_recovery_enabled = true
      transaction_log_retention_days = 7

      backup_retention_settings {
        retained_backups = 14
      }
    }

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.vpc.id
    }
  }

  depends_on = [google_service_networking_connection.private_services]
}

resource "google_sql_database" "orders" {
  name     = "orders"
  instance = google_sql_database_instance.orders.name
}
