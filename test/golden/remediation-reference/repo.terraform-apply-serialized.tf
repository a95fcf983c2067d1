# repo.terraform-apply-serialized: Terraform applies are serialised: run from the default branch in one concurrency group, or through Atlantis, and never with -lock=false
# Resources: terraform
# Change: Apply only from the default branch in a CI job with a fixed concurrency group (GitHub Actions concurrency:, GitLab resource_group:), or through Atlantis (atlantis.yaml); remove every -lock=false.
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
