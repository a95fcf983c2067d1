import { ROUTES, type Route } from '../gcp/routes.js';
import type { Requirement } from '../doctor/requirements.js';

/**
 * Every request gtp drill restore, gc and list make: reads of the source, writes to the scratch instance, the
 * operations, the record in Cloud Storage and the password in Secret Manager.
 */
export const DRILL_ROUTES: readonly Route[] = [
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
  ROUTES.objects,
  ROUTES.object,
  ROUTES.objectUpload,
  ROUTES.secretVersion,
];

/** The drill's needs as one requirement, for the same role renderer as the auditor's. */
export function drillRequirement(): Requirement {
  return {
    check: 'gtp drill',
    projectPermissions: [...new Set(DRILL_ROUTES.map((r) => r.permission))].sort(),
    billingAccountPermissions: [],
    apis: [...new Set(DRILL_ROUTES.map((r) => r.host))].sort(),
  };
}
