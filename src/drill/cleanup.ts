import type { CloudSqlAdmin } from '../gcp/sql-admin.js';
import { classifyError } from '../gcp/errors.js';
import type { DrillRecord } from '../evidence/record.js';
import { reasonOf } from './errors.js';
import { bounded, pause, waitForOperation } from './wait.js';
import { monotonicMs } from '../util/clock.js';

/** How long clean-up may take on its own, after the drill's timeout: deleting is never cut short by it. */
export const CLEANUP_TIMEOUT_MS = 15 * 60_000;

export interface Scratch {
  admin: CloudSqlAdmin;
  project: string;
  instance: string;
  /** When gtp drill gc may delete it, should this clean-up fail. */
  expires: string;
  /** The request that created it, once sent; absent when none was. */
  creating?: Promise<unknown>;
  /** Every request the drill sent that starts an operation on it, answered or not. */
  sent?: Promise<unknown>[];
  /** Operations still running on it (a restore that timed out or was interrupted), read once every request is answered. */
  running?: () => string[];
  pollMs: number;
  /** A second Ctrl-C: give up, leaving the labelled instance for gc. */
  abandon: AbortSignal;
}

/**
 * Deletes the scratch instance, whatever state the drill left it in: waits for the request that created it to
 * be answered (deleting first could leave the instance behind), cancels a running operation, and retries while
 * Cloud SQL answers that another operation is in progress.
 */
export async function deleteScratch(scratch: Scratch): Promise<DrillRecord['cleanup']> {
  const { admin, project, instance } = scratch;
  if (!scratch.creating) return { outcome: 'nothing-to-delete', detail: 'no scratch instance was requested' };
  const deadline = monotonicMs() + CLEANUP_TIMEOUT_MS;
  const limits = { deadline, timeoutMs: CLEANUP_TIMEOUT_MS, signal: scratch.abandon };
  try {
    await bounded(
      Promise.all([scratch.creating, ...(scratch.sent ?? [])].map((request) => request.catch(() => undefined))),
      'the creating request',
      limits,
    );
    for (const operation of scratch.running?.() ?? [])
      await admin.cancelOperation(project, operation).catch(() => undefined);
    for (;;) {
      try {
        const operation = await bounded(admin.delete(project, instance), 'the delete request', limits);
        await waitForOperation(operation, (n) => admin.getOperation(project, n), {
          ...limits,
          intervalMs: scratch.pollMs,
        });
        return { outcome: 'deleted' };
      } catch (error) {
        const kind = classifyError(error);
        if (kind.kind === 'not-found')
          return { outcome: 'nothing-to-delete', detail: 'the scratch instance was never created' };
        // Another operation on the instance is still running (Cloud SQL answers 409): wait for it to end.
        if (/^(409|ABORTED|ALREADY_EXISTS)$/.test(kind.status ?? '') && monotonicMs() < deadline) {
          await pause(Math.min(scratch.pollMs * 4, 10_000), scratch.abandon);
          continue;
        }
        throw error;
      }
    }
  } catch (error) {
    return {
      outcome: 'failed',
      detail: `${reasonOf(error)}; delete ${instance} by hand, or run gtp drill gc after ${scratch.expires}`,
    };
  }
}
