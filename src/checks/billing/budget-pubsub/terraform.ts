// The data was checked against the check's evidence schema before any generator runs (remediations.ts).
import type { Evidence } from './evidence.js';
import { attr, block } from '../../../terraform/hcl.js';
import { failing, header, perCheck } from '../../../terraform/kit.js';

/** billing.budget-pubsub: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => {
  const d = failing(check).find((r) => r.data)?.data as Evidence | undefined;
  return {
    check: check.id,
    blocks: [
      header(
        check,
        'Messages only: capping spend is what the subscriber does (e.g. disable billing), and that stops every service of the project.',
        [
          '',
          ...(d?.budgets?.length
            ? [
                `Add to the google_billing_budget resource of ${d.budgets.join(', ')}:`,
                '  all_updates_rule {',
                '    pubsub_topic   = google_pubsub_topic.budget.id',
                '    schema_version = "1.0"',
                '  }',
              ]
            : [
                'No budget covers the project yet: apply billing.budget.tf, then add an all_updates_rule with this topic to it.',
              ]),
        ],
      ),
      block(
        'resource',
        ['google_pubsub_topic', 'budget'],
        [...attr('project', ctx.project), ...attr('name', 'budget-alerts')],
      ),
    ],
  };
});
