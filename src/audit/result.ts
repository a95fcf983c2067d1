// A namespace import, so that the bundler keeps only the parts of zod in use (not every locale).
import * as z from 'zod';
import { sharedCauseSchema } from './shared-cause.js';

/**
 * The JSON report contract (schemaVersion 1). Every renderer reads this and nothing else; the published JSON
 * Schema (schema/report.schema.json) is generated from it.
 */
export const outcome = z.enum(['pass', 'fail', 'not-applicable', 'error']);
const verdict = z.enum(['pass', 'fail', 'not-applicable']);

export const resourceVerdictSchema = z.strictObject({
  name: z.string().describe("the resource's short name, e.g. the instance name"),
  verdict,
  detail: z.string().describe('the field values that decided the verdict'),
  data: z
    .unknown()
    .optional()
    .describe('for a failing resource that remediation rewrites: the API object it is written from'),
});

export const checkResultSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  outcome,
  resources: z.array(resourceVerdictSchema),
  error: z.string().optional().describe('why the data could not be read (permission, disabled API, timeout)'),
  prevention: z
    .strictObject({
      check: z.string().describe('the guardrail check that judged it'),
      outcome,
      detail: z.string(),
    })
    .optional()
    .describe(
      'whether an enforced Organization Policy guardrail stops what this check fails from being made again; set where the audit ran its guardrail check. Evidence of prevention beside the check, never of the existing resources',
    ),
  remediation: z.strictObject({
    text: z.string(),
    terraform: z
      .string()
      .optional()
      .describe(
        'the name of the Terraform fix gtp terraform fix writes for this check; absent when the fix is operational',
      ),
  }),
});

const controlSchema = z.strictObject({
  check: z.string(),
  outcome,
  evidence: z.array(resourceVerdictSchema),
  error: z.string().optional(),
});

const mitigationResultSchema = z.strictObject({
  text: z.string(),
  outcome: outcome.optional().describe('the combined outcome of its checks; absent when no check verifies it'),
  verified: z.boolean(),
  controls: z.array(controlSchema),
  effect: z.strictObject({ probability: z.number().optional(), impact: z.number().optional() }).optional(),
  attestation: z
    .strictObject({ by: z.string(), date: z.string(), evidence: z.string(), expires: z.string(), valid: z.boolean() })
    .optional(),
});

export const riskStatusSchema = z.enum(['mitigated', 'unmitigated', 'unverified', 'attested', 'declared']);

const riskResultSchema = z.strictObject({
  id: z.string(),
  table: z.string(),
  category: z.string(),
  title: z.string(),
  probability: z.number(),
  impact: z.number(),
  inherentScore: z.number(),
  residualProbability: z.number().describe('probability after verified mitigations'),
  residualImpact: z.number().describe('impact after verified mitigations'),
  residualScore: z.number(),
  declaredStatus: z.enum(['mitigated', 'unmitigated']),
  status: riskStatusSchema,
  drift: z.boolean().describe('the register declares a mitigation in place and the probes say otherwise'),
  existing: mitigationResultSchema.nullable(),
  proposed: mitigationResultSchema.nullable(),
  milestone: z.string().nullable(),
});

const milestoneResultSchema = z.strictObject({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  done: z.number().int().describe('scope items that checks show delivered'),
  total: z.number().int(),
  items: z.array(z.strictObject({ text: z.string(), checks: z.array(z.string()), verified: z.boolean() })),
});

const changesSchema = z.strictObject({
  baselineGeneratedAt: z.string(),
  newRisks: z.array(z.string()),
  removedRisks: z.array(z.string()),
  statusChanges: z.array(
    z.strictObject({ risk: z.string(), from: riskStatusSchema, to: riskStatusSchema, regression: z.boolean() }),
  ),
  scoreChanges: z.array(
    z.strictObject({ risk: z.string(), from: z.number(), to: z.number(), regression: z.boolean() }),
  ),
  newlyFailingChecks: z.array(z.strictObject({ check: z.string(), from: outcome, to: outcome })),
  newDrift: z.array(z.string()),
  regressions: z.number().int().describe('how many of the changes above are regressions'),
});

const tierSchema = z.strictObject({
  tier: z.string(),
  label: z.string(),
  slo: z.number(),
  downtimeMinutesPerMonth: z.number(),
});

export const summarySchema = z.strictObject({
  risks: z.number().int(),
  mitigated: z.number().int(),
  unmitigated: z.number().int(),
  unverified: z.number().int(),
  attested: z.number().int(),
  declared: z.number().int(),
  drift: z.number().int(),
  maxResidualScore: z.number(),
});

export const auditResultSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    generatedAt: z.string(),
    asOf: z
      .strictObject({
        time: z
          .string()
          .describe('the instant ages, drill windows, grace periods and attestation expiries were measured from'),
        basis: z
          .enum(['now', 'capture', 'given'])
          .describe(
            'now: a live audit; capture: an offline audit of a snapshot, as of when it was taken; given: set with --as-of',
          ),
        capturedAt: z.string().optional().describe('when the audited snapshot was taken'),
      })
      .optional(),
    project: z.string().nullable(),
    projectFrom: z
      .string()
      .optional()
      .describe('where the project was found when --project did not name it (e.g. gcloud configuration default)'),
    source: z.enum(['live', 'snapshot', 'declared']),
    cause: sharedCauseSchema
      .optional()
      .describe('when nothing could be read for one reason: that reason, said once, and its fix'),
    summary: summarySchema,
    risks: z.array(riskResultSchema),
    checks: z.array(checkResultSchema),
    milestones: z.array(milestoneResultSchema),
    availability: z
      .strictObject({
        tier: z.string().nullable().describe('the highest tier the evidence supports; null when none'),
        label: z.string().nullable(),
        slo: z.number().nullable(),
        downtimeMinutesPerMonth: z.number().nullable(),
        next: tierSchema
          .extend({ missing: z.array(z.string()).describe('checks and milestones still missing') })
          .nullable(),
      })
      .nullable(),
    changes: changesSchema.optional().describe('what changed since the baseline report (--baseline)'),
    requests: z
      .strictObject({
        perApi: z.record(z.string(), z.strictObject({ calls: z.number().int(), rateLimited: z.number().int() })),
      })
      .optional()
      .describe('a live audit: the requests made to each Google API, and how many a rate quota refused'),
    securityCommandCenter: z
      .strictObject({
        active: z.number().int().describe('active, unmuted findings'),
        bySeverity: z.record(z.string(), z.number().int()),
        byClass: z.record(z.string(), z.number().int()),
        error: z.string().optional().describe('why SCC could not be read (not activated, no permission)'),
      })
      .optional()
      .describe("Security Command Center's active findings, when SCC checks ran"),
    restoreDrills: z
      .strictObject({
        location: z.string().describe('the evidence store read'),
        drills: z
          .array(
            z.strictObject({
              id: z.string(),
              instance: z.string(),
              method: z.string(),
              outcome: z.enum(['passed', 'failed']),
              finishedAt: z.string(),
              rtoSeconds: z.number().optional(),
              rpoSeconds: z.number(),
              checksPassed: z.number().int(),
              checksTotal: z.number().int(),
              failure: z.string().optional(),
            }),
          )
          .describe("the project's most recent drills, newest first"),
        error: z.string().optional().describe('why the store could not be read'),
      })
      .optional()
      .describe('restore drills recorded by gtp drill restore, when drill.recent-restore ran'),
  })
  .describe('gtp report');

export type AuditResult = z.infer<typeof auditResultSchema>;
export type RiskResult = z.infer<typeof riskResultSchema>;
export type RiskStatus = z.infer<typeof riskStatusSchema>;
export type MitigationResult = z.infer<typeof mitigationResultSchema>;
export type MilestoneResult = z.infer<typeof milestoneResultSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
export type Source = AuditResult['source'];
export type Changes = z.infer<typeof changesSchema>;
