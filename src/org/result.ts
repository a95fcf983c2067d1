// A namespace import, so that the bundler keeps only the parts of zod in use (not every locale).
import * as z from 'zod';
import { outcome, riskStatusSchema, summarySchema } from '../audit/result.js';

/**
 * The organization report (schemaVersion 1): one row per project, one cell per risk and check, and what was
 * asked of each API. The published JSON Schema (schema/org-report.schema.json) is generated from it.
 */
const gateOutcome = z.enum(['passed', 'failed', 'unverified']);

export const projectOutcomeSchema = z.strictObject({
  projectId: z.string(),
  path: z.array(z.string()).describe('the folders above the project, outermost first (organizations/…, folders/…)'),
  gate: gateOutcome.describe("the project's own gate, as `gtp audit --project` would give it"),
  reasons: z.array(z.string()).describe('why the gate failed or could not pass'),
  summary: summarySchema,
  risks: z.array(
    z.strictObject({
      id: z.string(),
      status: riskStatusSchema,
      drift: z.boolean(),
      residualScore: z.number(),
    }),
  ),
  checks: z.array(
    z.strictObject({
      id: z.string(),
      outcome,
      failing: z.number().int().describe('resources that failed'),
      error: z.string().optional().describe('why the data could not be read'),
    }),
  ),
});

export const orgResultSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    kind: z.literal('organization'),
    generatedAt: z.string(),
    scope: z.string().describe('organizations/ID, folders/ID, or where the project list came from'),
    source: z.enum(['live', 'snapshot']),
    collection: z
      .strictObject({
        from: z.enum(['api', 'asset-inventory']),
        readTime: z.string().optional().describe('the instant Cloud Asset Inventory was read at'),
        assetTypes: z.array(z.string()).describe('asset types answered from Cloud Asset Inventory'),
        fellBack: z
          .array(z.strictObject({ assetType: z.string(), reason: z.string() }))
          .describe('asset types that could not be listed and were read from each project’s API'),
      })
      .describe('where the resources were read: each project’s APIs, or Cloud Asset Inventory where it holds them'),
    summary: z.strictObject({
      projects: z.number().int(),
      passed: z.number().int(),
      failed: z.number().int(),
      unverified: z.number().int().describe('projects where nothing failed but some control could not be verified'),
      withDrift: z.number().int(),
    }),
    folders: z.record(z.string(), z.string()).describe('display name of each folder walked'),
    skipped: z.array(z.strictObject({ projectId: z.string(), reason: z.string() })),
    warnings: z
      .array(z.string())
      .describe(
        'what the audit could not apply as written, e.g. a register override naming no folder or project of the scope',
      ),
    risks: z.array(z.strictObject({ id: z.string(), title: z.string() })).describe('the register’s risks, in order'),
    checks: z
      .array(
        z.strictObject({
          id: z.string(),
          title: z.string(),
          failingIn: z.number().int().describe('projects where it fails'),
          unverifiedIn: z.number().int().describe('projects where it could not be verified'),
        }),
      )
      .describe('every check, the most widely failing first'),
    projects: z.array(projectOutcomeSchema),
    requests: z.strictObject({
      durationMs: z.number(),
      perApi: z.record(z.string(), z.strictObject({ calls: z.number().int(), rateLimited: z.number().int() })),
      quotas: z.array(
        z.strictObject({
          service: z.string(),
          chargedTo: z.string(),
          perMinute: z.number().describe('the rate gtp paced to at the end (lowered when Google said the limit)'),
          calls: z.number().int(),
          rateLimited: z.number().int(),
        }),
      ),
      quotaFloorMs: z.number().describe('the least time the calls need under those quotas'),
    }),
  })
  .describe('gtp organization audit report');

export type OrgResult = z.infer<typeof orgResultSchema>;
export type ProjectOutcome = z.infer<typeof projectOutcomeSchema>;

/**
 * The projects of an organization report, in order: an array where they are few (a merge's shards, tests), or
 * waiting on disk (outcomes.ts) where an audit judges thousands. Renderers read them through this alone.
 */
export interface ProjectOutcomeList extends Iterable<ProjectOutcome> {
  readonly length: number;
  at(index: number): ProjectOutcome | undefined;
}

/** The report as gtp holds it while writing it: its projects read a project at a time (outcomes.ts). */
export type OrgReport = Omit<OrgResult, 'projects'> & { projects: ProjectOutcomeList };
