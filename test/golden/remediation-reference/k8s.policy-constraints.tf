# k8s.policy-constraints: Every cluster enforces the seed's two rules: resource limits required, no public LoadBalancers
# Resources: prod
# Change: Add, with enforcementAction: deny, a K8sContainerLimits (or K8sRequiredResources) constraint and a K8sBlockLoadBalancer constraint from the Gatekeeper policy library.
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
