import { unionOf, type Requirement } from './requirements.js';

export type RoleFormat = 'terraform' | 'gcloud' | 'json';

export interface RoleOptions {
  project: string;
  roleId: string;
}

const TITLE = 'gtp auditor (read-only)';
const DESCRIPTION = 'Exactly the permissions gtp audit needs for the checks the register selects.';

/**
 * A custom role with the project-level permissions the selected checks need. Budgets are read on the billing
 * account, where project roles do not reach: that grant is named beside the role.
 */
export function renderRole(requirements: readonly Requirement[], format: RoleFormat, options: RoleOptions): string {
  const { projectPermissions, billingAccountPermissions } = unionOf(requirements);
  const billingNote = billingAccountPermissions.length
    ? `${billingAccountPermissions.join(', ')} is granted on the billing account: roles/billing.viewer there (gcloud billing accounts add-iam-policy-binding).`
    : '';
  if (format === 'json') {
    return `${JSON.stringify({ roleId: options.roleId, title: TITLE, description: DESCRIPTION, stage: 'GA', includedPermissions: projectPermissions, billingAccountPermissions }, null, 2)}\n`;
  }
  if (format === 'gcloud') {
    return [
      ...(billingNote ? [`# ${billingNote}`] : []),
      `gcloud iam roles create ${options.roleId} --project=${options.project} --title='${TITLE}' --description='${DESCRIPTION}' --stage=GA \\`,
      `  --permissions=${projectPermissions.join(',')}`,
      '',
    ].join('\n');
  }
  return [
    ...(billingNote ? [`# ${billingNote}`] : []),
    `resource "google_project_iam_custom_role" "gtp_auditor" {`,
    `  project     = "${options.project}"`,
    `  role_id     = "${options.roleId}"`,
    `  title       = "${TITLE}"`,
    `  description = "${DESCRIPTION}"`,
    `  stage       = "GA"`,
    `  permissions = [`,
    ...projectPermissions.map((p) => `    "${p}",`),
    `  ]`,
    `}`,
    '',
  ].join('\n');
}
