import type { CloudSqlAdmin } from '../gcp/sql-admin.js';
import { reasonOf } from './errors.js';
import { scratchExpiry, SOURCE_LABEL } from './scratch.js';
import { waitForOperation } from './wait.js';
import { monotonicMs } from '../util/clock.js';

export interface GarbageReport {
  deleted: string[];
  /** Expired, but deleting failed (or --dry-run). */
  failed: { instance: string; reason: string }[];
  wouldDelete: string[];
  /** Labelled scratch instances whose expiry has not come: a drill may still be using them. */
  notExpired: { instance: string; expires: string }[];
  /** Named like scratch instances but not labelled as one: never touched. */
  unlabelled: string[];
  /** Labelled as scratch instances but not one by everything else about them: never touched, named for a person to look at. */
  suspicious: { instance: string; reason: string }[];
}

/** What a drill names its scratch instance: gtp-drill-<source>-<yyyymmdd>-<hhmmss> (scratch.ts). */
const SCRATCH_NAME = /^gtp-drill-[a-z0-9-]+-\d{8}-\d{6}$/;

interface ListedInstance {
  name?: string;
  instanceType?: string;
  masterInstanceName?: string;
  replicaNames?: string[];
  settings?: { userLabels?: Record<string, string>; deletionProtectionEnabled?: boolean };
}

/**
 * Why an expired, labelled instance is still not a drill's scratch instance, if it is not: labels can be copied (a
 * clone copies its source's), so the name a drill gives, the source label it sets, and the shape of a restore
 * target (a standalone primary with no replicas, unprotected) must all agree before anything is deleted.
 */
function notScratch(instance: ListedInstance): string | undefined {
  const name = instance.name ?? '';
  if (!SCRATCH_NAME.test(name))
    return 'not named as a drill names its scratch instances (gtp-drill-<source>-<yyyymmdd>-<hhmmss>)';
  if (!instance.settings?.userLabels?.[SOURCE_LABEL]) return `no ${SOURCE_LABEL} label`;
  if (instance.masterInstanceName || instance.instanceType === 'READ_REPLICA_INSTANCE') return 'a read replica';
  if ((instance.replicaNames ?? []).length > 0) return `has replicas (${instance.replicaNames!.join(', ')})`;
  if (instance.settings?.deletionProtectionEnabled === true) return 'deletion protection is on';
  return undefined;
}

/**
 * Deletes the scratch instances that drills left behind (a crash, a kill -9): only instances labelled
 * gtp-drill=true whose expiry label has passed and that are scratch instances by name and shape (notScratch).
 * Anything else, however it is named or labelled, is left alone.
 */
export async function collectGarbage(
  admin: CloudSqlAdmin,
  project: string,
  options: { now: Date; dryRun: boolean; pollMs: number; timeoutMs: number },
): Promise<GarbageReport> {
  const report: GarbageReport = {
    deleted: [],
    failed: [],
    wouldDelete: [],
    notExpired: [],
    unlabelled: [],
    suspicious: [],
  };
  const instances = (await admin.listInstances(project)) as ListedInstance[];
  for (const instance of instances) {
    const name = instance.name ?? '';
    const expires = scratchExpiry(instance.settings?.userLabels);
    if (!expires) {
      if (name.startsWith('gtp-drill-')) report.unlabelled.push(name);
      continue;
    }
    if (expires.getTime() > options.now.getTime()) {
      report.notExpired.push({ instance: name, expires: expires.toISOString() });
      continue;
    }
    const reason = notScratch(instance);
    if (reason) {
      report.suspicious.push({ instance: name, reason });
      continue;
    }
    if (options.dryRun) {
      report.wouldDelete.push(name);
      continue;
    }
    try {
      const operation = await admin.delete(project, name);
      const signal = new AbortController().signal;
      await waitForOperation(operation, (n) => admin.getOperation(project, n), {
        deadline: monotonicMs() + options.timeoutMs,
        timeoutMs: options.timeoutMs,
        signal,
        intervalMs: options.pollMs,
      });
      report.deleted.push(name);
    } catch (error) {
      report.failed.push({ instance: name, reason: reasonOf(error) });
    }
  }
  return report;
}
