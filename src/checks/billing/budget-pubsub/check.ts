import { evidence } from './evidence.js';
import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { assertResolved, BUDGET_COLLECTIONS, BUDGET_PERMISSIONS, budgetCoverage } from '../coverage.js';

export default defineCheck({
  id: 'billing.budget-pubsub',
  title: 'A budget covering the project publishes to Pub/Sub, so spend can be capped automatically',
  collects: BUDGET_COLLECTIONS,
  evidence,
  permissions: BUDGET_PERMISSIONS,
  remediation: {
    terraform: terraformFix,
    text: 'Set all_updates_rule.pubsub_topic on the project budget and subscribe a function that disables billing or scales down when spend passes the cap.',
  },
  evaluate(data) {
    const coverage = budgetCoverage(data);
    if (!coverage.applies) return { resources: coverage.resources };
    const resources = coverage.budgets.map(({ budget, name, covers, scope }): ResourceVerdict => {
      if (!covers)
        return {
          name,
          verdict: 'not-applicable',
          detail: `${scope}; does not cover projects/${coverage.projectNumber ?? '?'}`,
        };
      const topic = budget.notificationsRule?.pubsubTopic;
      return { name, verdict: topic ? 'pass' : 'fail', detail: `notificationsRule.pubsubTopic=${topic ?? 'none'}` };
    });
    if (resources.some((r) => r.verdict === 'pass')) return { resources, outcome: 'pass' };
    assertResolved(coverage);
    resources.push({
      name: `billingAccounts/${coverage.account}`,
      verdict: 'fail',
      detail: 'no budget covering the project publishes to a Pub/Sub topic',
      data: {
        billingAccount: coverage.account,
        projectNumber: coverage.projectNumber,
        budgets: coverage.budgets.filter((b) => b.covers).map((b) => b.budget.name),
      },
    });
    return { resources, outcome: 'fail' };
  },
});
