import { billingAccountId } from '../../gcp/collections.js';
import { defineCheck, type ResourceVerdict } from '../types.js';

interface Budget {
  name?: string;
  displayName?: string;
  budgetFilter?: { projects?: string[]; resourceAncestors?: string[] };
  thresholdRules?: unknown[];
}

/** Budget filters name projects by number; Resource Manager's project name is "projects/NUMBER". */
function projectNumber(project: { name?: string } | undefined): string | undefined {
  return /^projects\/(\d+)$/.exec(project?.name ?? '')?.[1];
}

export default defineCheck({
  id: 'billing.budget',
  title: "A budget with alert thresholds covers the project's spend",
  collects: ['billing.info', 'billing.budgets', 'resourcemanager.project'],
  permissions: ['resourcemanager.projects.get', 'billing.budgets.list'],
  remediation: {
    terraform: 'billing-budget',
    text: 'Create a google_billing_budget on the billing account, filtered to this project (or unfiltered), with threshold_rules (e.g. 50%, 90%, 100%).',
  },
  evaluate(data) {
    const info = data.get<{ billingEnabled?: boolean; billingAccountName?: string }>('billing.info');
    const account = billingAccountId(info);
    if (!account || info.billingEnabled !== true) {
      return { resources: [{ name: 'billing', verdict: 'not-applicable', detail: `billingEnabled=${info.billingEnabled ?? false}: the project has no active billing account` }] };
    }
    const number = projectNumber(data.get<{ name?: string }>('resourcemanager.project'));
    const budgets = data.get<Budget[]>('billing.budgets');
    const resources = budgets.map((budget): ResourceVerdict => {
      const name = budget.displayName ?? budget.name?.split('/').at(-1) ?? '(unnamed budget)';
      const projects = budget.budgetFilter?.projects ?? [];
      const ancestors = budget.budgetFilter?.resourceAncestors ?? [];
      const thresholds = budget.thresholdRules?.length ?? 0;
      let covers: boolean;
      let scope: string;
      if (projects.length > 0) {
        covers = number !== undefined && projects.includes(`projects/${number}`);
        scope = `budgetFilter.projects=${projects.join(',')}`;
      } else if (ancestors.length > 0) {
        covers = false;
        scope = `budgetFilter.resourceAncestors=${ancestors.join(',')} (folder or organization scope is not resolved)`;
      } else {
        covers = true;
        scope = 'no project filter (covers every project of the account)';
      }
      if (!covers) return { name, verdict: 'not-applicable', detail: `${scope}; does not cover projects/${number ?? '?'}` };
      return { name, verdict: thresholds > 0 ? 'pass' : 'fail', detail: `${scope}; thresholdRules=${thresholds}` };
    });
    if (resources.some((r) => r.verdict === 'pass')) return { resources, outcome: 'pass' };
    if (budgets.length === 0) resources.push({ name: `billingAccounts/${account}`, verdict: 'fail', detail: 'the billing account has no budgets' });
    else resources.push({ name: `billingAccounts/${account}`, verdict: 'fail', detail: `no budget with threshold rules covers projects/${number ?? '?'}` });
    return { resources, outcome: 'fail' };
  },
});
