/**
 * What a check that reads the project's IAM policy and those of its folders and organization needs: the project,
 * its policy, the walk up (each folder names its parent), and the folders' and organization's policies.
 */
export const IAM_HIERARCHY_PERMISSIONS = [
  'resourcemanager.folders.get',
  'resourcemanager.folders.getIamPolicy',
  'resourcemanager.organizations.getIamPolicy',
  'resourcemanager.projects.get',
  'resourcemanager.projects.getIamPolicy',
] as const;
