/**
 * Privileged Access Manager v1 Entitlement (google.cloud.privilegedaccessmanager.v1, in its proto3 JSON form): the
 * fields that say what access it grants, to whom, for how long and with whose approval.
 */
export interface Entitlement {
  name?: string;
  eligibleUsers?: { principals?: string[] }[];
  approvalWorkflow?: {
    manualApprovals?: { steps?: { approvers?: { principals?: string[] }[]; approvalsNeeded?: number }[] };
  };
  privilegedAccess?: {
    gcpIamAccess?: {
      resourceType?: string;
      resource?: string;
      roleBindings?: { role?: string; conditionExpression?: string }[];
    };
  };
  /** A google.protobuf.Duration in its JSON form, e.g. "3600s". */
  maxRequestDuration?: string;
  state?: string;
}

/** The entitlements that reach a project: its own, and those of each folder and organization above it. */
export interface ReachingEntitlements {
  levels: { resource: string; entitlements: Entitlement[] }[];
  /** Levels whose entitlements could not be read, with the reason: what they grant is unknown. */
  unreadable: string[];
}
