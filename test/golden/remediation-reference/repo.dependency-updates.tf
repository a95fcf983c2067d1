# repo.dependency-updates: Dependency updates are automated for every ecosystem the repository ships (Dependabot or Renovate)
# Resources: docker, terraform, npm
# Change: Add .github/dependabot.yml with an updates entry per package-ecosystem and directory present (npm, gomod, docker, terraform, …), with a non-zero open-pull-requests-limit, or a Renovate config that leaves those managers enabled.
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
