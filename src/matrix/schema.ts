// A namespace import, so that the bundler keeps only the parts of zod in use (not every locale).
import * as z from 'zod';
import { IMPACT_VALUES, PROBABILITY_VALUES } from './scales.js';
import { BUCKET_NAME, PROJECT_ID, SQL_INSTANCE_ID, type IdFormat } from '../gcp/ids.js';
import { DATE_TEXT, isCalendarDate } from '../util/calendar-date.js';
import { probeSchema } from '../probes/definition.js';

const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9 and single hyphens)');

// Literal sets, so that the published JSON Schema carries the scale as an enum for editors.
const probability = z.literal(PROBABILITY_VALUES as [number, ...number[]]).describe('0.5 V.Low, 1 Low, 2 Med, 3 High');
const impact = z.literal(IMPACT_VALUES as [number, ...number[]]).describe('1 Low, 2 Med, 3 High, 4 Catastrophic');

// The pattern stays for the published JSON Schema; a day that matches it but does not exist (2027-02-31) is
// refused too, where Date.parse would move it into the next month and stretch an attestation past its date. Text
// that is no date at all stops at the pattern, with that one problem.
const isoDate = z
  .string()
  .regex(DATE_TEXT, { message: 'must be a date as YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, 'must be a day of the calendar (2027-02-31 is not one)');

export const attestationSchema = z
  .strictObject({
    by: z.string().min(1).describe('who vouches for the mitigation'),
    date: isoDate.describe('when it was attested'),
    evidence: z.string().min(1).describe('a URL or path to what shows it'),
    expires: isoDate.describe('after this date the attestation no longer counts'),
  })
  .describe('A person vouching for a mitigation that no probe can see');

export const effectSchema = z
  .strictObject({
    probability: probability.optional(),
    impact: impact.optional(),
  })
  .describe('The probability and/or impact the risk has once this mitigation is verified');

export const mitigationSchema = z
  .strictObject({
    text: z.string().min(1).describe('the mitigation as people name it'),
    checks: z.array(z.string().min(1)).default([]).describe('ids of the checks that verify it'),
    effect: effectSchema.optional(),
    attestation: attestationSchema.optional(),
  })
  .describe('A mitigation, the checks that verify it and what it changes once verified');

export const riskSchema = z.strictObject({
  id: kebabId.describe('stable id, the kebab-case of the risk title'),
  table: z.string().min(1).describe('id of the table the risk belongs to'),
  category: z.string().min(1),
  title: z.string().min(1),
  probability,
  impact,
  status: z.enum(['mitigated', 'unmitigated']).describe('the status the team declares (✅ mitigated, ❌ unmitigated)'),
  existing: mitigationSchema.optional().describe('the mitigation in place; absent means none'),
  proposed: mitigationSchema.optional().describe('the next mitigation; absent means none is needed'),
  milestone: z.string().min(1).optional().describe('id of the milestone that delivers the proposed mitigation'),
});

export const tableSchema = z.strictObject({
  id: kebabId,
  title: z.string().min(1),
});

export const goalSchema = z.strictObject({
  number: z.number().int().positive(),
  title: z.string().min(1),
  goal: z.string().min(1),
  items: z
    .array(
      z.strictObject({
        title: z.string().min(1),
        text: z.string().min(1),
        details: z.array(z.string().min(1)).optional(),
      }),
    )
    .min(1),
});

export const scopeItemSchema = z.strictObject({
  text: z.string().min(1),
  checks: z.array(z.string().min(1)).default([]).describe('checks that show this item is delivered'),
});

export const milestoneSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and hyphens'),
  number: z.number().int().positive(),
  title: z.string().min(1),
  goal: z.string().min(1),
  scope: z.array(scopeItemSchema).min(1),
});

export const availabilityTierSchema = z.strictObject({
  id: kebabId,
  label: z.string().min(1).describe('how the seed names the state, e.g. "Current State"'),
  description: z.string().min(1),
  slo: z
    .number()
    .gt(0)
    .lt(100)
    .describe('availability in percent, e.g. 99.9; the allowed downtime is computed from it'),
  requires: z
    .strictObject({
      checks: z.array(z.string().min(1)).default([]).describe('checks that must pass'),
      milestones: z.array(z.string().min(1)).default([]).describe('milestones whose every scope item must be verified'),
    })
    .default({ checks: [], milestones: [] }),
});

/** How checks judge when the register does not say. */
export const DEFAULT_SETTINGS = { sccGracePeriodDays: 7, drillWindowDays: 30 };

/** A string that must be a Google identifier of one kind (see src/gcp/ids.ts), with the rule in its error. */
const identifier = (kind: IdFormat, what: string) =>
  z.string().refine((v) => kind.test(v), { message: `${what} must be ${kind.rule}` });

export const resourcesSchema = z
  .strictObject({
    terraformStateBucket: identifier(BUCKET_NAME, 'a bucket name')
      .optional()
      .describe('the GCS bucket of the Terraform backend'),
    backupBuckets: z
      .strictObject({
        names: z.array(identifier(BUCKET_NAME, 'a bucket name')).default([]),
        labels: z
          .record(z.string(), z.string())
          .default({})
          .describe('any bucket carrying all these labels is a backup bucket'),
      })
      .optional()
      .describe('buckets that hold backups and must have a locked retention policy'),
    sccLocations: z
      .array(z.enum(['global', 'eu', 'us', 'sa']))
      .min(1)
      .optional()
      .describe(
        "the Security Command Center locations that hold the organization's findings (default: global). With data residency, findings live only in the location chosen at activation and are read through its regional endpoint",
      ),
    cloudBuildLocations: z
      .array(z.string().regex(/^(global|[a-z]+-[a-z]+\d+)$/, 'must be global or a region, e.g. us-central1'))
      .min(1)
      .optional()
      .describe(
        "the Cloud Build locations whose triggers may run the repository's cloudbuild files (default: global; triggers of 2nd-gen repositories are regional)",
      ),
    drillInstances: z
      .array(identifier(SQL_INSTANCE_ID, 'a Cloud SQL instance ID'))
      .optional()
      .describe('the Cloud SQL instances that must have a recent passing restore drill (default: every primary)'),
  })
  .describe('names of the resources some checks are about');

const settingFields = {
  sccGracePeriodDays: z
    .number()
    .int()
    .nonnegative()
    .describe('how old an active CRITICAL/HIGH vulnerability finding may be before it fails'),
  drillWindowDays: z.number().int().positive().describe('how recent a passing restore drill must be'),
  privilegedRoles: z
    .array(
      z
        .string()
        .regex(
          /^(roles|projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/roles|organizations\/\d+\/roles)\/[A-Za-z0-9_.]{1,100}$/,
          'must be a role name, e.g. roles/cloudsql.admin',
        ),
    )
    .describe(
      'roles the just-in-time check treats as privileged, beside the ones it knows (owner, editor, and the roles that grant roles)',
    ),
};

export const overrideSchema = z
  .strictObject({
    folder: z
      .string()
      .regex(/^\d{1,20}$/, 'must be a numeric folder id')
      .optional()
      .describe('the folder (its number) whose projects, at any depth, this applies to'),
    project: identifier(PROJECT_ID, 'a project ID').optional().describe('the one project this applies to'),
    resources: resourcesSchema.optional().describe('replaces each named resource setting of the register'),
    settings: z.strictObject(settingFields).partial().optional().describe('replaces each named setting'),
    attestations: z
      .record(
        z.string(),
        z.strictObject({ existing: attestationSchema.optional(), proposed: attestationSchema.optional() }),
      )
      .optional()
      .describe('attestations that hold in this scope only, by risk id and side (existing or proposed)'),
  })
  .refine((o) => (o.folder === undefined) !== (o.project === undefined), {
    message: 'name exactly one of folder and project',
  })
  .describe('what differs in one folder or project');

export const availabilitySchema = z.strictObject({
  tiers: z.array(availabilityTierSchema).min(1),
  notes: z
    .array(z.strictObject({ label: z.string().min(1), text: z.string().min(1) }))
    .default([])
    .describe('estimates that change recovery time rather than the tier'),
});

export const registerSchema = z
  .strictObject({
    version: z.literal(1),
    title: z.string().min(1),
    project: identifier(PROJECT_ID, 'a project ID')
      .optional()
      .describe('the GCP project id audited when --project is not given'),
    resources: resourcesSchema.default({}),
    settings: z
      .strictObject({
        sccGracePeriodDays: settingFields.sccGracePeriodDays.default(7),
        drillWindowDays: settingFields.drillWindowDays.default(30),
        privilegedRoles: settingFields.privilegedRoles.optional(),
      })
      .default(DEFAULT_SETTINGS)
      .describe('how some checks judge'),
    tables: z.array(tableSchema).min(1),
    risks: z.array(riskSchema),
    probes: z
      .array(probeSchema)
      .default([])
      .describe("the team's own controls: CEL over Google REST lists, named by mitigations as checks are"),
    crossChecks: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'checks that verify no single risk but compare sources of evidence (e.g. scc.misconfiguration-agreement)',
      ),
    goals: z.array(goalSchema).default([]),
    milestones: z.array(milestoneSchema).default([]),
    availability: availabilitySchema.optional(),
    overrides: z
      .array(overrideSchema)
      .default([])
      .describe(
        "for an organization audit: what differs in some folders or projects (a folder's override reaches every project below it; a project's comes last)",
      ),
  })
  .describe('gtp risk register');

export type Register = z.infer<typeof registerSchema>;
export type Risk = z.infer<typeof riskSchema>;
export type Mitigation = z.infer<typeof mitigationSchema>;
export type Effect = z.infer<typeof effectSchema>;
export type Attestation = z.infer<typeof attestationSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type AvailabilityTier = z.infer<typeof availabilityTierSchema>;
export type RegisterResources = z.infer<typeof resourcesSchema>;
export type RegisterSettings = Register['settings'];
export type RegisterOverride = z.infer<typeof overrideSchema>;
