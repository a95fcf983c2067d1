terraform {
  required_version = ">= 1.5"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "6.50.0"
    }
  }

  # State in GCS: versioned, never public, locked during applies. Give the bucket at init:
  #   terraform init -backend-config="bucket=<state bucket>" -backend-config="prefix=reference-stack"
  backend "gcs" {}
}

provider "google" {
  project = var.project_id
  region  = var.region
}

data "google_project" "this" {
  project_id = var.project_id
}
