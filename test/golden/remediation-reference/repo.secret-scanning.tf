# repo.secret-scanning: Commits are scanned for secrets (a pre-commit hook or a CI step runs gitleaks, detect-secrets or trufflehog)
# Resources: secret scanning
# Change: Add gitleaks (or detect-secrets, trufflehog) to .pre-commit-config.yaml and run it in CI, so a secret is caught before it is pushed and again before it merges.
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
