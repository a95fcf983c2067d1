terraform {
  backend "gcs" {
    bucket = "acme-prod-tfstate"
    prefix = "prod"
  }
}
