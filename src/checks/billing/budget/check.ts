import { evidence } from './evidence.js';
import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { assertResolved, BUDGET_COLLECTIONS, BUDGET_PERMISSIONS, budgetCoverage, recipientsOf } from '../coverage.js';

export default defineCheck({
  id: 'billing.budget',
  title: "A budget with alert thresholds covers the project's spend",
  collects: BUDGET_COLLECTIONS,
  evidence,
  permissions: BUDGET_PERMISSIONS,
  remediation: {
    terraform: terraformFix,
    text: 'Create a google_billing_budget on the billing account, filtered to this project (or unfiltered), with threshold_rules (e.g. 50%, 90%, 100%).',
  },
  evaluate(data) {
    const coverage = budgetCoverage(data);
    if (!coverage.applies) return { resources: coverage.resources };
    const resources = coverage.budgets.map(({ budget, name, covers, scope }): ResourceVerdict => {
      const thresholds = budget.thresholdRules?.length ?? 0;
      if (!covers)
        return {
          name,
          verdict: 'not-applicable',
          detail: `${scope}; does not cover projects/${coverage.projectNumber ?? '?'}`,
        };
      const recipients = recipientsOf(budget);
      if (recipients.length === 0)
        return {
          name,
          verdict: 'fail',
          detail: `${scope}; thresholdRules=${thresholds}; its alerts reach nobody (disableDefaultIamRecipients, no channel, no topic)`,
        };
      return {
        name,
        verdict: thresholds > 0 ? 'pass' : 'fail',
        detail: `${scope}; thresholdRules=${thresholds}; alerts ${recipients.join(', ')}`,
      };
    });
    if (resources.some((r) => r.verdict === 'pass')) return { resources, outcome: 'pass' };
    assertResolved(coverage);
    resources.push({
      name: `billingAccounts/${coverage.account}`,
      verdict: 'fail',
      data: { billingAccount: coverage.account, projectNumber: coverage.projectNumber },
      detail:
        coverage.budgets.length === 0
          ? 'the billing account has no budgets'
          : `no budget with threshold rules covers projects/${coverage.projectNumber ?? '?'}`,
    });
    return { resources, outcome: 'fail' };
  },
});
