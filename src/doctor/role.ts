import { hclString } from '../terraform/hcl.js';
import { shellQuote } from '../util/shell.js';
import { unionOf, type Requirement } from './requirements.js';
import { ROUTES } from '../gcp/routes.js';

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
  /**
   * An organization audit's role, created on the organization (numeric id): what every project's checks need,
   * granted once there, with the folders and organization read where they are, the discovery of projects, and
   * Cloud Asset Inventory's lists.
   */
  organization?: string;
}

/** What an organization audit reads beside each project's checks: the projects and folders, and the inventory. */
const ORGANIZATION_AUDIT_PERMISSIONS = [
  ROUTES.projectsUnder.permission,
  ROUTES.foldersUnder.permission,
  ROUTES.folder.permission,
  ROUTES.assetResources.permission,
  ROUTES.assetIamPolicies.permission,
];

/**
 * A custom role with the project-level permissions the selected checks need. Budgets are read on the billing
 * account, where project roles do not reach: that grant is named beside the role.
 */
export function renderRole(requirements: readonly Requirement[], format: RoleFormat, options: RoleOptions): string {
  if (options.organization !== undefined) return renderOrganizationRole(requirements, format, options);
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

/**
 * The organization audit's role, created on the organization and granted there: a grant on the organization
 * reaches every folder and project below it, so one binding covers every project the audit discovers.
 */
function renderOrganizationRole(
  requirements: readonly Requirement[],
  format: RoleFormat,
  options: RoleOptions,
): string {
  const { resource } = ROLE_HOLDERS.audit;
  const title = 'gtp organization auditor (read-only)';
  const description =
    'Exactly the permissions gtp audit --organization needs: the checks the register selects in every project, the projects and folders, and Cloud Asset Inventory.';
  const { projectPermissions, billingAccountPermissions, ancestorPermissions } = unionOf(requirements);
  const permissions = [
    ...new Set([...projectPermissions, ...ancestorPermissions, ...ORGANIZATION_AUDIT_PERMISSIONS]),
  ].sort();
  const organization = options.organization!;
  const notes = billingAccountPermissions.length
    ? [
        `${billingAccountPermissions.join(', ')} is granted on each billing account: roles/billing.viewer there (gcloud billing accounts add-iam-policy-binding).`,
      ]
    : [];
  if (format === 'json') {
    return `${JSON.stringify({ roleId: options.roleId, organization, title, description, stage: 'GA', includedPermissions: permissions, billingAccountPermissions }, null, 2)}\n`;
  }
  if (format === 'gcloud') {
    return [
      ...notes.map((note) => `# ${note}`),
      `gcloud iam roles create ${shellQuote(options.roleId)} --organization=${shellQuote(organization)} --title=${shellQuote(title)} --description=${shellQuote(description)} --stage=GA \\`,
      `  --permissions=${shellQuote(permissions.join(','))}`,
      '',
    ].join('\n');
  }
  return [
    ...notes.map((note) => `# ${note}`),
    `resource "google_organization_iam_custom_role" ${hclString(resource)} {`,
    `  org_id      = ${hclString(organization)}`,
    `  role_id     = ${hclString(options.roleId)}`,
    `  title       = ${hclString(title)}`,
    `  description = ${hclString(description)}`,
    `  stage       = "GA"`,
    `  permissions = [`,
    ...permissions.map((p) => `    ${hclString(p)},`),
    `  ]`,
    `}`,
    '',
  ].join('\n');
}
