# k8s.policy-enforced: OPA Gatekeeper (or GKE Policy Controller) runs in every cluster with at least one constraint that denies
# Resources: prod
# Change: Install Gatekeeper (or enable Policy Controller) and set enforcementAction: deny on the constraints once their dry-run shows no false positives.
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
