import { billingAccountId } from '../../gcp/collections.js';
import type { CheckData, ResourceVerdict } from '../types.js';

export interface Budget {
  name?: string;
  displayName?: string;
  budgetFilter?: { projects?: string[]; resourceAncestors?: string[] };
  thresholdRules?: unknown[];
  notificationsRule?: { pubsubTopic?: string };
}

export type Coverage =
  | { applies: false; resources: ResourceVerdict[] }
  | { applies: true; account: string; projectNumber: string | undefined; budgets: { budget: Budget; name: string; covers: boolean; scope: string }[] };

/** Budget filters name projects by number; Resource Manager's project name is "projects/NUMBER". */
function projectNumber(project: { name?: string } | undefined): string | undefined {
  return /^projects\/(\d+)$/.exec(project?.name ?? '')?.[1];
}

/** Which budgets of the project's billing account cover this project, and why. */
export function budgetCoverage(data: CheckData): Coverage {
  const info = data.get<{ billingEnabled?: boolean; billingAccountName?: string }>('billing.info');
  const account = billingAccountId(info);
  if (!account || info.billingEnabled !== true) {
    return { applies: false, resources: [{ name: 'billing', verdict: 'not-applicable', detail: `billingEnabled=${info.billingEnabled ?? false}: the project has no active billing account` }] };
  }
  const number = projectNumber(data.get<{ name?: string }>('resourcemanager.project'));
  const budgets = data.get<Budget[]>('billing.budgets').map((budget) => {
    const name = budget.displayName ?? budget.name?.split('/').at(-1) ?? '(unnamed budget)';
    const projects = budget.budgetFilter?.projects ?? [];
    const ancestors = budget.budgetFilter?.resourceAncestors ?? [];
    if (projects.length > 0) {
      return { budget, name, covers: number !== undefined && projects.includes(`projects/${number}`), scope: `budgetFilter.projects=${projects.join(',')}` };
    }
    if (ancestors.length > 0) {
      return { budget, name, covers: false, scope: `budgetFilter.resourceAncestors=${ancestors.join(',')} (folder or organization scope is not resolved)` };
    }
    return { budget, name, covers: true, scope: 'no project filter (covers every project of the account)' };
  });
  return { applies: true, account, projectNumber: number, budgets };
}

export const BUDGET_COLLECTIONS = ['billing.info', 'billing.budgets', 'resourcemanager.project'] as const;
export const BUDGET_PERMISSIONS = ['billing.budgets.list', 'resourcemanager.projects.get'] as const;
