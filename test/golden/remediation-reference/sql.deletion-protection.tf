# sql.deletion-protection: Cloud SQL instances are protected from deletion by the API
# Resources: orders-db, orders-db-replica
# Change: Set settings.deletion_protection_enabled = true (the API-level flag; Terraform's deletion_protection alone does not stop a console or gcloud delete).
# Risks: No restart. Deleting the instance later needs deletion_protection_enabled = false first, on purpose.
#
# Each instance is imported as it is and written from the live API data with the fixes applied,
# so that `terraform plan` shows only the fix. Other SQL checks that fail on these instances are
# applied here too: sql.deletion-protection.
import {
  to = google_sql_database_instance.orders_db
  id = "projects/acme-prod/instances/orders-db"
}

resource "google_sql_database_instance" "orders_db" {
  project             = "acme-prod"
  name                = "orders-db"
  region              = "us-central1"
  database_version    = "POSTGRES_15"
  deletion_protection = true

  settings {
    tier                        = "db-custom-4-16384"
    availability_type           = "REGIONAL"
    deletion_protection_enabled = true
    user_labels = {
      env = "prod"
    }

    backup_configuration {
      enabled                        = true
      start_time                     = "03:00"
      point_in_time_recovery_enabled = true
      transaction_log_retention_days = 7

      backup_retention_settings {
        retained_backups = 14
        retention_unit   = "COUNT"
      }
    }
  }
}

import {
  to = google_sql_database_instance.orders_db_replica
  id = "projects/acme-prod/instances/orders-db-replica"
}

resource "google_sql_database_instance" "orders_db_replica" {
  project              = "acme-prod"
  name                 = "orders-db-replica"
  region               = "us-central1"
  database_version     = "POSTGRES_15"
  master_instance_name = "orders-db"
  deletion_protection  = true

  settings {
    tier                        = "db-custom-4-16384"
    availability_type           = "ZONAL"
    deletion_protection_enabled = true
  }
}
