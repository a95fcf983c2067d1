import { createHash } from 'node:crypto';
import * as z from 'zod';
import { PROJECT_ID } from '../gcp/ids.js';
import { InputError } from '../util/errors.js';
import { parseJsonFile } from '../util/json-input.js';
import { readInputFile } from '../util/yaml-input.js';
import type { Discovery } from './discover.js';
import { planInventorySchema, type PlanInventory } from './plan-inventory.js';

/**
 * The frozen input of a sharded organization audit (`gtp org plan`): which projects, where each sits, the
 * register's digest and the one instant Cloud Asset Inventory is read at. Every shard reads the same plan, so a
 * project created mid-run cannot land in two shards or in none, and `gtp merge` checks the shards against it.
 */
export const planSchema = z.strictObject({
  schemaVersion: z.literal(1),
  kind: z.literal('plan'),
  createdAt: z.string(),
  scope: z.string(),
  registerDigest: z.string().describe('sha256 of the register file the plan was made with'),
  readTime: z.string().describe('the instant every shard reads Cloud Asset Inventory at'),
  projects: z
    .array(
      z.strictObject({
        // A plan is a file anyone could have edited: its ids reach request paths and file names only as ids.
        projectId: z.string().refine((id) => PROJECT_ID.test(id), { message: 'not a project id' }),
        name: z
          .string()
          .regex(/^projects\/\d+$/, { message: 'not projects/NUMBER' })
          .optional(),
        path: z.array(z.string()),
        labels: z.record(z.string(), z.string()),
      }),
    )
    // Identity and count are checked, not trusted: an empty plan would audit, shard and merge to a green gate, and
    // a project listed twice (by id or by number) would be judged twice, or on another project's resources.
    .min(1, { message: 'empty: a plan names at least one project' })
    .superRefine((projects, ctx) => {
      const seen = new Map<string, number>();
      projects.forEach((p, i) => {
        for (const key of [`id ${p.projectId}`, ...(p.name ? [`number ${p.name.slice('projects/'.length)}`] : [])]) {
          const first = seen.get(key);
          if (first !== undefined)
            ctx.addIssue({ code: 'custom', path: [i], message: `the same project ${key} as projects[${first}]` });
          else seen.set(key, i);
        }
      });
    }),
  folders: z.record(z.string(), z.string()),
  skipped: z.array(z.strictObject({ projectId: z.string(), reason: z.string() })),
  inventory: planInventorySchema.optional(),
});

export type Plan = z.infer<typeof planSchema>;

export const PLAN_FILE = 'plan.json';

/** A plan file, checked, with its digest (what each shard's manifest names, and the merge compares). */
export async function readPlan(file: string): Promise<{ plan: Plan; digest: string }> {
  const text = await readInputFile(file, 'plan');
  try {
    return { plan: parseJsonFile(file, text, planSchema), digest: digestOf(text) };
  } catch (error) {
    throw new InputError(`${(error as Error).message} (not a plan from gtp org plan)`);
  }
}

export function digestOf(bytes: string | Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function planOf(
  discovery: Discovery,
  registerDigest: string,
  createdAt: Date,
  readTime: Date,
  inventory?: PlanInventory,
): Plan {
  return {
    schemaVersion: 1,
    kind: 'plan',
    createdAt: createdAt.toISOString(),
    scope: discovery.scope,
    registerDigest,
    readTime: readTime.toISOString(),
    projects: discovery.projects.map((p) => ({
      projectId: p.projectId,
      ...(p.name ? { name: p.name } : {}),
      path: p.path,
      labels: p.labels,
    })),
    folders: discovery.folders,
    skipped: discovery.skipped,
    ...(inventory ? { inventory } : {}),
  };
}

/** The discovery a plan froze, for the organization audit to run over. */
export function discoveryOf(plan: Plan, projects = plan.projects): Discovery {
  return { scope: plan.scope, projects, folders: plan.folders, skipped: plan.skipped };
}
