# repo.dependency-updates: Dependency updates are automated for every ecosystem the repository uses (Dependabot or Renovate)
# Resources: docker, terraform, npm
# Change: Add .github/dependabot.yml with an updates entry per package-ecosystem present (npm, gomod, docker, terraform, …), or a Renovate config.
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
