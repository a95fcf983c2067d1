/**
 * Guardrails: the custom Organization Policy constraints that stop a bad configuration from being made at all.
 * Each entry names the check whose rule it carries into prevention, the resource type and REST fields it reads,
 * and the one CEL condition gtp writes for it (action ALLOW: a create or update is allowed only where it holds).
 *
 * A guardrail is evidence of prevention beside the check it guards, never a substitute for it: "Newly enforced
 * custom constraints don't apply to existing resources" (Cloud Storage: custom constraints), so every existing
 * resource is still judged one by one.
 */

/**
 * Resource types Google documents as supported by custom constraints, with the page that says so. Only these are
 * written or recognised.
 */
export const SUPPORTED_RESOURCE_TYPES = {
  // "sqladmin.googleapis.com/Instance, sqladmin.googleapis.com/BackupRun"
  'sqladmin.googleapis.com/Instance': 'https://cloud.google.com/sql/docs/postgres/org-policy/custom-org-policy',
  // "you can create custom constraints for the CREATE or UPDATE methods on any field in the Cluster or NodePool
  // resource of the Google Kubernetes Engine API v1, except for output-only fields"
  'container.googleapis.com/Cluster': 'https://cloud.google.com/kubernetes-engine/docs/how-to/custom-org-policies',
} as const;
export type SupportedResourceType = keyof typeof SUPPORTED_RESOURCE_TYPES;

export interface Guardrail {
  /** The check whose rule the constraint prevents from being broken. */
  check: string;
  /** The custom constraint's id as gtp writes it (`custom.` and letters; at most 70 characters). */
  constraint: `custom.${string}`;
  resourceType: SupportedResourceType;
  /** The REST fields the condition reads, as paths in the resource's discovery schema. */
  fields: readonly string[];
  /** The discovery document and schema of the resource, against which `fields` are checked. */
  schema: { file: string; name: string };
  /** The CEL condition, with action ALLOW on CREATE and UPDATE. */
  condition: string;
  title: string;
  /** What the guardrail leaves to the check: the parts of its rule no constraint on this resource can carry. */
  leaves?: string;
}

export const GUARDRAILS: readonly Guardrail[] = [
  {
    check: 'sql.deletion-protection',
    constraint: 'custom.gtpSqlDeletionProtection',
    resourceType: 'sqladmin.googleapis.com/Instance',
    fields: ['settings.deletionProtectionEnabled'],
    schema: { file: 'sqladmin.v1.json', name: 'DatabaseInstance' },
    condition: 'resource.settings.deletionProtectionEnabled == true',
    title: 'Cloud SQL instances are created and kept with deletion protection',
  },
  {
    check: 'sql.high-availability',
    constraint: 'custom.gtpSqlHighAvailability',
    resourceType: 'sqladmin.googleapis.com/Instance',
    fields: ['settings.availabilityType'],
    schema: { file: 'sqladmin.v1.json', name: 'DatabaseInstance' },
    condition: "resource.settings.availabilityType == 'REGIONAL'",
    title: 'Cloud SQL instances are created and kept highly available (REGIONAL)',
  },
  {
    check: 'binauthz.enforced',
    constraint: 'custom.gtpGkeBinaryAuthorization',
    resourceType: 'container.googleapis.com/Cluster',
    fields: ['binaryAuthorization.evaluationMode'],
    schema: { file: 'container.v1.json', name: 'Cluster' },
    condition: "resource.binaryAuthorization.evaluationMode == 'PROJECT_SINGLETON_POLICY_ENFORCE'",
    title: "GKE clusters are created and kept evaluating the project's Binary Authorization policy",
    leaves: "whether the project's Binary Authorization policy itself enforces its rules",
  },
];

export const GUARDRAIL_BY_CHECK: ReadonlyMap<string, Guardrail> = new Map(GUARDRAILS.map((g) => [g.check, g]));

/** The id of the check that says whether a guardrail is in force above a project. */
export const guardrailCheckId = (guardrail: Guardrail): string => `guardrail.${guardrail.check.replace('.', '-')}`;
