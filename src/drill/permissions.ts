import { ROUTES, type Route } from '../gcp/routes.js';
import type { Requirement } from '../doctor/requirements.js';

/** What a drill needs, in three parts: Cloud SQL always; Cloud Storage and Secret Manager when it uses them. */
const PARTS: {
  name: string;
  when: keyof DrillUses | 'always';
  routes: readonly Route[];
  permissions?: readonly string[];
}[] = [
  {
    name: 'drill: Cloud SQL (restore, gc)',
    when: 'always',
    routes: [
      ROUTES.sqlInstance,
      ROUTES.sqlInstances,
      ROUTES.sqlBackupRuns,
      ROUTES.sqlLatestRecoveryTime,
      ROUTES.sqlOperation,
      ROUTES.sqlOperationCancel,
      ROUTES.sqlInsert,
      ROUTES.sqlClone,
      ROUTES.sqlRestoreBackup,
      ROUTES.sqlPatch,
      ROUTES.sqlDelete,
    ],
  },
  {
    name: 'drill: records in Cloud Storage (--evidence gs://…)',
    when: 'cloudStorage',
    routes: [ROUTES.objects, ROUTES.object, ROUTES.objectUpload],
  },
  {
    name: 'drill: password in Secret Manager (--password-secret)',
    when: 'secretManager',
    routes: [ROUTES.secretVersion],
  },
  // Logging in to the database as an IAM user is authorised by IAM too; no REST call carries it.
  {
    name: 'drill: IAM database login (--iam-auth)',
    when: 'iamLogin',
    routes: [ROUTES.sqlInstance],
    permissions: ['cloudsql.instances.login'],
  },
];

/** The optional parts a team's drills use; every part when not said. */
export interface DrillUses {
  cloudStorage: boolean;
  secretManager: boolean;
  iamLogin: boolean;
}

/** Every request gtp drill restore, gc and list can make. */
export const DRILL_ROUTES: readonly Route[] = PARTS.flatMap((p) => p.routes);

/** The drill's needs, part by part, for the same role renderer and doctor as the auditor's. */
export function drillRequirements(
  uses: DrillUses = { cloudStorage: true, secretManager: true, iamLogin: true },
): Requirement[] {
  return PARTS.filter((part) => part.when === 'always' || uses[part.when]).map((part) => ({
    check: part.name,
    projectPermissions: [...new Set([...part.routes.map((r) => r.permission), ...(part.permissions ?? [])])].sort(),
    billingAccountPermissions: [],
    ancestorPermissions: [],
    apis: [...new Set(part.routes.map((r) => r.host))].sort(),
  }));
}
