/** The fields of a Cloud Monitoring AlertPolicy (REST) that the checks read. */
export interface AlertPolicy {
  name?: string;
  displayName?: string;
  enabled?: boolean;
  notificationChannels?: string[];
  conditions?: {
    conditionThreshold?: { filter?: string };
    conditionMonitoringQueryLanguage?: { query?: string };
    conditionPrometheusQueryLanguage?: { query?: string };
  }[];
}

/** The API defaults `enabled` to true when it is unset. */
export function isEnabled(policy: AlertPolicy): boolean {
  return policy.enabled !== false;
}

/** Every filter or query the policy's conditions evaluate. */
export function queriesOf(policy: AlertPolicy): string[] {
  return (policy.conditions ?? []).flatMap((c) =>
    [
      c.conditionThreshold?.filter,
      c.conditionMonitoringQueryLanguage?.query,
      c.conditionPrometheusQueryLanguage?.query,
    ].filter((q): q is string => !!q),
  );
}

export function policyLabel(policy: AlertPolicy): string {
  return policy.displayName ?? policy.name?.split('/').at(-1) ?? '(unnamed policy)';
}
