import { hclString } from '../terraform/hcl.js';
import { shellQuote } from '../util/shell.js';
import { unionOf, type Requirement } from './requirements.js';

export type RoleFormat = 'terraform' | 'gcloud' | 'json';

/** Whose role: the auditor's (read-only) or the restore drill's (which creates and deletes instances). */
export const ROLE_HOLDERS = {
  audit: {
    roleId: 'gtpAuditor',
    title: 'gtp auditor (read-only)',
    description: 'Exactly the permissions gtp audit needs for the checks the register selects.',
    resource: 'gtp_auditor',
  },
  drill: {
    roleId: 'gtpDrill',
    title: 'gtp restore drill',
    description:
      'Exactly the permissions gtp drill needs: read the source, create, restore into and delete scratch instances, record the drill.',
    resource: 'gtp_drill',
  },
};

export type RoleHolder = keyof typeof ROLE_HOLDERS;

export interface RoleOptions {
  project: string;
  roleId: string;
  holder?: RoleHolder;
}

/**
 * A custom role with the project-level permissions the selected checks need. Budgets are read on the billing
 * account, where project roles do not reach: that grant is named beside the role.
 */
export function renderRole(requirements: readonly Requirement[], format: RoleFormat, options: RoleOptions): string {
  const { title, description, resource } = ROLE_HOLDERS[options.holder ?? 'audit'];
  const { projectPermissions, billingAccountPermissions, ancestorPermissions } = unionOf(requirements);
  const billingNote = billingAccountPermissions.length
    ? `${billingAccountPermissions.join(', ')} is granted on the billing account: roles/billing.viewer there (gcloud billing accounts add-iam-policy-binding).`
    : '';
  // A project role cannot hold folder or organization permissions: they are granted where those resources are.
  const ancestorNote = ancestorPermissions.length
    ? `${ancestorPermissions.join(', ')} are read on the folders and organization above the project: grant them there, e.g. in a custom role created on the organization (gcloud iam roles create --organization).`
    : '';
  const notes = [billingNote, ancestorNote].filter(Boolean);
  if (format === 'json') {
    return `${JSON.stringify({ roleId: options.roleId, title, description, stage: 'GA', includedPermissions: projectPermissions, billingAccountPermissions, ancestorPermissions }, null, 2)}\n`;
  }
  if (format === 'gcloud') {
    return [
      ...notes.map((note) => `# ${note}`),
      `gcloud iam roles create ${shellQuote(options.roleId)} --project=${shellQuote(options.project)} --title=${shellQuote(title)} --description=${shellQuote(description)} --stage=GA \\`,
      `  --permissions=${shellQuote(projectPermissions.join(','))}`,
      '',
    ].join('\n');
  }
  return [
    ...notes.map((note) => `# ${note}`),
    `resource "google_project_iam_custom_role" ${hclString(resource)} {`,
    `  project     = ${hclString(options.project)}`,
    `  role_id     = ${hclString(options.roleId)}`,
    `  title       = ${hclString(title)}`,
    `  description = ${hclString(description)}`,
    `  stage       = "GA"`,
    `  permissions = [`,
    ...projectPermissions.map((p) => `    ${hclString(p)},`),
    `  ]`,
    `}`,
    '',
  ].join('\n');
}
