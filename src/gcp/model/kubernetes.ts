/** What gtp saw inside one cluster. */
export interface ClusterWorkloads {
  cluster: string;
  argocdDeployments: Record<string, unknown>[] | null;
  applications: Record<string, unknown>[] | null;
  gatekeeperDeployments: Record<string, unknown>[] | null;
  constraints: { kind: string; name: string; enforcementAction: string }[] | null;
}

/** A Deployment is available when as many replicas are available as it asks for. */
export function unavailable(deployments: Record<string, unknown>[]): string[] {
  return deployments
    .filter((d) => {
      const spec = (d.spec as { replicas?: number } | undefined)?.replicas ?? 1;
      const available = (d.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0;
      return available < spec;
    })
    .map((d) => String((d.metadata as { name?: string } | undefined)?.name ?? '?'));
}

/** Gatekeeper constraints that block (deny) rather than warn or dry-run. */
export function enforced(c: ClusterWorkloads): NonNullable<ClusterWorkloads['constraints']> {
  return (c.constraints ?? []).filter((x) => x.enforcementAction === 'deny');
}
