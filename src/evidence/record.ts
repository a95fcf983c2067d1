import * as z from 'zod';

const step = z.strictObject({
  name: z.enum(['plan', 'restore', 'label', 'verify', 'cleanup']),
  startedAt: z.string(),
  endedAt: z.string(),
  outcome: z.enum(['ok', 'failed', 'skipped']),
  detail: z.string().optional(),
});

const verification = z.strictObject({
  name: z.string(),
  outcome: z.enum(['pass', 'fail', 'error']),
  expected: z.string(),
  actual: z.string(),
});

/** What a drill leaves behind: one JSON document per drill in the evidence store. */
export const drillRecordSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** <start, compact UTC>-<source instance>: sorts by time, names the file. */
  id: z.string(),
  project: z.string(),
  source: z.strictObject({
    instance: z.string(),
    databaseVersion: z.string().optional(),
    region: z.string().optional(),
  }),
  method: z.enum(['backup-restore', 'point-in-time-clone']),
  restorePoint: z.strictObject({
    backupRunId: z.string().optional(),
    pointInTime: z.string().optional(),
    /** The moment the restored data is from: the backup's end, or the point in time. */
    time: z.string(),
  }),
  scratch: z.strictObject({ instance: z.string(), labels: z.record(z.string(), z.string()) }),
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(['passed', 'failed']),
  /** Why a drill failed: the step and what happened (a restore error, a timeout, a failed expectation, an interruption). */
  failure: z.strictObject({ step: step.shape.name, reason: z.string() }).optional(),
  steps: z.array(step),
  /** Recovery time: drill start to verified data, in seconds; absent when the data was never verified. */
  rtoSeconds: z.number().nonnegative().optional(),
  /** Recovery point: how old the restored data was when the drill started, in seconds. */
  rpoSeconds: z.number().nonnegative(),
  verification: z.array(verification),
  cleanup: z.strictObject({
    outcome: z.enum(['deleted', 'kept', 'failed', 'nothing-to-delete']),
    detail: z.string().optional(),
  }),
});

export type DrillRecord = z.infer<typeof drillRecordSchema>;
export type DrillStep = z.infer<typeof step>;
export type StepName = DrillStep['name'];
export type VerificationResult = z.infer<typeof verification>;
