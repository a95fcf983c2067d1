/** The fields of a Binary Authorization Policy (binaryauthorization v1 REST) that the checks read. */
export interface AdmissionRule {
  evaluationMode?: string;
  enforcementMode?: string;
}

export interface Policy {
  /** Applies to every cluster, namespace and identity that no override below names. */
  defaultAdmissionRule?: AdmissionRule;
  /** Overrides per cluster, keyed `location.clusterId` (a zone or a region). */
  clusterAdmissionRules?: Record<string, AdmissionRule>;
  /** Overrides per Kubernetes namespace, on every cluster. */
  kubernetesNamespaceAdmissionRules?: Record<string, AdmissionRule>;
  /** Overrides per Kubernetes service account, keyed `namespace:serviceaccount`. */
  kubernetesServiceAccountAdmissionRules?: Record<string, AdmissionRule>;
  /** Overrides per Istio service identity (`spiffe://…/ns/…/sa/…`). */
  istioServiceIdentityAdmissionRules?: Record<string, AdmissionRule>;
  /** Images matching one of these are always admitted, whatever the rules say. */
  admissionWhitelistPatterns?: { namePattern?: string }[];
}

/** The override maps of a policy, each replacing the default rule for what its keys name. */
export const OVERRIDE_MAPS = [
  'clusterAdmissionRules',
  'kubernetesNamespaceAdmissionRules',
  'kubernetesServiceAccountAdmissionRules',
  'istioServiceIdentityAdmissionRules',
] as const;

/**
 * A rule blocks what it does not admit: it requires attestations or denies everything, and it is enforced (a
 * dry run only logs). ALWAYS_ALLOW, an unspecified mode or a dry run admits every image.
 */
export function ruleEnforces(rule: AdmissionRule | undefined): boolean {
  return (
    (rule?.evaluationMode === 'REQUIRE_ATTESTATION' || rule?.evaluationMode === 'ALWAYS_DENY') &&
    rule.enforcementMode === 'ENFORCED_BLOCK_AND_AUDIT_LOG'
  );
}

/**
 * An allowlist pattern that admits every image of a registry: the whole path after the host is a wildcard
 * (`gcr.io/*`, `us-docker.pkg.dev/**`), or there is no path at all. Patterns are `registry/path/to/image` with a
 * trailing `*` or `**` (Binary Authorization: AdmissionWhitelistPattern).
 */
export function admitsWholeRegistry(pattern: string): boolean {
  const slash = pattern.indexOf('/');
  if (slash < 0) return true;
  return /^\*+$/.test(pattern.slice(slash + 1)) || pattern.slice(0, slash).includes('*');
}
