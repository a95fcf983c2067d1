# sql.cross-region-replica: Every primary Cloud SQL instance has a read replica in another region, ready to promote
# Resources: orders-db
# Change: Create a google_sql_database_instance with master_instance_name = the primary and region = another region (e.g. us-east1).
# Risks: a new instance (cost of one more instance per primary); creating it snapshots the primary, which adds load while it runs.
variable "replica_region" {
  description = "Region of the cross-region read replicas."
  type        = string
  default     = "us-east1"
}

resource "google_sql_database_instance" "orders_db_dr" {
  project              = "acme-prod"
  name                 = "orders-db-dr"
  region               = var.replica_region
  database_version     = "POSTGRES_15"
  master_instance_name = "orders-db"
  deletion_protection  = true

  settings {
    tier                        = "db-custom-4-16384"
    availability_type           = "ZONAL"
    deletion_protection_enabled = true
  }
}
