import { billingAccountId } from '../../gcp/collections.js';
import * as z from 'zod';
import { shaped } from '../evidence.js';
import type { CheckData, ResourceVerdict } from '../types.js';

/**
 * The fields of a Budget (Cloud Billing Budget API v1) that decide coverage, typed as Google documents them: a budget
 * whose filter is of another shape cannot be judged, and is an error rather than "covers everything".
 */
const budgetSchema = z.looseObject({
  name: z.string().optional(),
  displayName: z.string().optional(),
  budgetFilter: z
    .looseObject({
      projects: z.array(z.string()).optional(),
      resourceAncestors: z.array(z.string()).optional(),
      services: z.array(z.string()).optional(),
      subaccounts: z.array(z.string()).optional(),
      labels: z.record(z.string(), z.array(z.unknown())).optional(),
    })
    .optional(),
  thresholdRules: z.array(z.looseObject({})).optional(),
  notificationsRule: z.looseObject({ pubsubTopic: z.string().optional() }).optional(),
});

export type Budget = z.infer<typeof budgetSchema>;

export type Coverage =
  | { applies: false; resources: ResourceVerdict[] }
  | {
      applies: true;
      account: string;
      projectNumber: string | undefined;
      budgets: { budget: Budget; name: string; covers: boolean; scope: string }[];
    };

/** Budget filters name projects by number; Resource Manager's project name is "projects/NUMBER". */
function projectNumber(project: { name?: string } | undefined): string | undefined {
  return /^projects\/(\d+)$/.exec(project?.name ?? '')?.[1];
}

/** Which budgets of the project's billing account cover this project, and why. */
export function budgetCoverage(data: CheckData): Coverage {
  const info = data.get('billing.info');
  const account = billingAccountId(info);
  if (!account || info.billingEnabled !== true) {
    return {
      applies: false,
      resources: [
        {
          name: 'billing',
          verdict: 'not-applicable',
          detail: `billingEnabled=${info.billingEnabled ?? false}: the project has no active billing account`,
        },
      ],
    };
  }
  const number = projectNumber(data.get('resourcemanager.project'));
  const budgets = shaped(z.array(budgetSchema), data.get('billing.budgets'), 'billing.budgets').map((budget) => {
    const name = budget.displayName ?? budget.name?.split('/').at(-1) ?? '(unnamed budget)';
    const filter = budget.budgetFilter ?? {};
    const projects = filter.projects ?? [];
    const ancestors = filter.resourceAncestors ?? [];
    // A filter by service, subaccount or label counts only part of the spend (Budget API: Filter), whatever projects it names.
    const partial = [
      ...(filter.services?.length ? ['services'] : []),
      ...(filter.subaccounts?.length ? ['subaccounts'] : []),
      ...(Object.keys(filter.labels ?? {}).length ? ['labels'] : []),
    ];
    if (partial.length > 0) {
      return {
        budget,
        name,
        covers: false,
        scope: `budgetFilter.${partial.join(', budgetFilter.')} set: counts only part of the spend`,
      };
    }
    if (projects.length > 0) {
      return {
        budget,
        name,
        covers: number !== undefined && projects.includes(`projects/${number}`),
        scope: `budgetFilter.projects=${projects.join(',')}`,
      };
    }
    if (ancestors.length > 0) {
      return {
        budget,
        name,
        covers: false,
        scope: `budgetFilter.resourceAncestors=${ancestors.join(',')} (folder or organization scope is not resolved)`,
      };
    }
    return { budget, name, covers: true, scope: 'no project filter (covers every project of the account)' };
  });
  return { applies: true, account, projectNumber: number, budgets };
}

export const BUDGET_COLLECTIONS = ['billing.info', 'billing.budgets', 'resourcemanager.project'] as const;
export const BUDGET_PERMISSIONS = ['billing.budgets.list', 'resourcemanager.projects.get'] as const;
