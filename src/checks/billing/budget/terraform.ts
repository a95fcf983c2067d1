// The data was checked against the check's evidence schema before any generator runs (remediations.ts).
import type { Evidence } from './evidence.js';
import { attr, blank, block } from '../../../terraform/hcl.js';
import { failing, header, perCheck } from '../../../terraform/kit.js';

/** billing.budget: the Terraform that makes the check pass. */
export default perCheck((check) => {
  const d = failing(check).find((r) => r.data)?.data as Evidence | undefined;
  return {
    check: check.id,
    blocks: [
      header(check, 'None: a budget alerts, it does not stop spend (billing.budget-pubsub adds the topic for a cap).'),
      block(
        'resource',
        ['google_billing_budget', 'project'],
        [
          ...attr('billing_account', d?.billingAccount ?? 'BILLING_ACCOUNT_ID'),
          ...attr('display_name', 'project monthly'),
          blank,
          block('budget_filter', [], attr('projects', [`projects/${d?.projectNumber ?? 'PROJECT_NUMBER'}`])),
          blank,
          block(
            'amount',
            [],
            [block('specified_amount', [], [...attr('currency_code', 'USD'), ...attr('units', '1000')])],
          ),
          ...[0.5, 0.9].flatMap((t) => [blank, block('threshold_rules', [], attr('threshold_percent', t))]),
          blank,
          block('threshold_rules', [], [...attr('threshold_percent', 1.0), ...attr('spend_basis', 'FORECASTED_SPEND')]),
        ],
      ),
    ],
  };
});
