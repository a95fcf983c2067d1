# repo.sbom-signing: CI generates an SBOM for what it builds and signs the images (cosign)
# Resources: sbom, signing
# Change: In the image build job: generate an SBOM (syft, cyclonedx or `npm sbom`) and sign the pushed image with `cosign sign`, keyless through the CI identity.
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
