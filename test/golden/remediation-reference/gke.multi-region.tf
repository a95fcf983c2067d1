# gke.multi-region: GKE clusters run in two or more regions, so a region outage leaves one serving
# Resources: prod
# Change: Run a second regional cluster in another region (the seed names us-east1) and spread traffic over both with a global load balancer.
# Risks: A second regional cluster doubles the GKE bill; it serves only once the global load balancer sends it traffic (lb.global-external).
variable "secondary_region" {
  description = "The second region (the seed names us-east1)."
  type        = string
  default     = "us-east1"
}

resource "google_container_cluster" "secondary" {
  project             = "acme-prod"
  name                = "prod-secondary"
  location            = var.secondary_region
  initial_node_count  = 1
  deletion_protection = true

  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }
}
