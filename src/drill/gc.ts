import type { CloudSqlAdmin } from '../gcp/sql-admin.js';
import { reasonOf } from './errors.js';
import { scratchExpiry } from './scratch.js';
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
}

/**
 * Deletes the scratch instances that drills left behind (a crash, a kill -9): only instances labelled
 * gtp-drill=true whose expiry label has passed. Anything else, however it is named, is left alone.
 */
export async function collectGarbage(admin: CloudSqlAdmin, project: string, options: { now: Date; dryRun: boolean; pollMs: number; timeoutMs: number }): Promise<GarbageReport> {
  const report: GarbageReport = { deleted: [], failed: [], wouldDelete: [], notExpired: [], unlabelled: [] };
  const instances = (await admin.listInstances(project)) as { name?: string; settings?: { userLabels?: Record<string, string> } }[];
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
    if (options.dryRun) {
      report.wouldDelete.push(name);
      continue;
    }
    try {
      const operation = await admin.delete(project, name);
      const signal = new AbortController().signal;
      await waitForOperation(operation, (n) => admin.getOperation(project, n), { deadline: monotonicMs() + options.timeoutMs, timeoutMs: options.timeoutMs, signal, intervalMs: options.pollMs });
      report.deleted.push(name);
    } catch (error) {
      report.failed.push({ instance: name, reason: reasonOf(error) });
    }
  }
  return report;
}
