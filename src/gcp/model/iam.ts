/** The fields of a project's IAM Policy (resourcemanager v3 getIamPolicy, version 3) that the checks read. */
export interface Policy {
  auditConfigs?: { service?: string; auditLogConfigs?: { logType?: string; exemptedMembers?: string[] }[] }[];
}
