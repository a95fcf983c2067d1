# repo.sbom-signing: The release pipeline generates an SBOM for what it builds and signs it with cosign
# Resources: sbom, signing
# Change: In the job that builds and pushes released images (on tags or the default branch): generate an SBOM (syft, cyclonedx, `npm sbom`, ko, goreleaser `sboms:`) and sign with `cosign sign` (or goreleaser `docker_signs:`), keyless through the CI identity, without continue-on-error.
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
