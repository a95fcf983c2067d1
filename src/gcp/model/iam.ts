/** The fields of a project's IAM Policy (resourcemanager v3 getIamPolicy, version 3) that the checks read. */
export interface Policy {
  auditConfigs?: { service?: string; auditLogConfigs?: { logType?: string; exemptedMembers?: string[] }[] }[];
  bindings?: Binding[];
}

/** A role granted to members, while its condition (a CEL expression over the request) holds. */
export interface Binding {
  role?: string;
  members?: string[];
  condition?: { expression?: string; title?: string };
}
