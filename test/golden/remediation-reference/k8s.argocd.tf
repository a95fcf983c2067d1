# k8s.argocd: ArgoCD runs healthy in every cluster and keeps its Applications Synced and Healthy (GitOps)
# Resources: prod
# Change: Install ArgoCD in the argocd namespace, declare every workload as an Application pointing at git, and let it sync (with self-heal, so manual changes are reverted).
# Risks: None from Terraform.
#
# This is not a configuration change: act on the findings listed in the report.
