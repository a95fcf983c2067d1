# repo.secret-scanning: Changes are scanned for secrets in CI (gitleaks, detect-secrets or trufflehog, run by a step or by pre-commit in CI)
# Resources: secret scanning
# Change: Run gitleaks (or detect-secrets, trufflehog) in a CI job on every pull request and push to the default branch, without continue-on-error; a pre-commit hook alone runs only where a developer installed it.
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
