/** What gtp saw inside one cluster. */
export interface ClusterWorkloads {
  cluster: string;
  argocdDeployments: Record<string, unknown>[] | null;
  applications: Record<string, unknown>[] | null;
  gatekeeperDeployments: Record<string, unknown>[] | null;
  constraints: { kind: string; name: string; enforcementAction: string }[] | null;
}

/**
 * The Deployments not running as asked, each with why: fewer replicas available than it asks for, or scaled to 0
 * (`spec.replicas: 0` asks for none and has all of them: nothing runs, so no webhook answers and no controller
 * syncs). `spec.replicas` defaults to 1 (Kubernetes API reference, DeploymentSpec); a value that is not a whole
 * number is named as such, never read as running.
 */
export function unavailable(deployments: Record<string, unknown>[]): string[] {
  return deployments.flatMap((d) => {
    const name = String((d.metadata as { name?: string } | undefined)?.name ?? '?');
    const asked = (d.spec as { replicas?: unknown } | undefined)?.replicas ?? 1;
    const available = (d.status as { availableReplicas?: unknown } | undefined)?.availableReplicas ?? 0;
    if (typeof asked !== 'number' || !Number.isInteger(asked) || typeof available !== 'number')
      return [`${name} (replicas of the wrong type)`];
    if (asked === 0) return [`${name} (scaled to 0 replicas)`];
    return available < asked ? [`${name} (${available} of ${asked} replicas available)`] : [];
  });
}

/** Gatekeeper constraints that block (deny) rather than warn or dry-run. */
export function enforced(c: ClusterWorkloads): NonNullable<ClusterWorkloads['constraints']> {
  return (c.constraints ?? []).filter((x) => x.enforcementAction === 'deny');
}
