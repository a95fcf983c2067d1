import { attr, blank, block } from '../../../terraform/hcl.js';
import { header, perCheck } from '../../../terraform/kit.js';

/** iam.data-access-logs: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => ({
  check: check.id,
  blocks: [
    header(
      check,
      'Data Access logs are billed by volume above the free allotment; exempt noisy service accounts with exempted_members if needed.',
    ),
    block(
      'resource',
      ['google_project_iam_audit_config', 'all_services'],
      [
        ...attr('project', ctx.project),
        ...attr('service', 'allServices'),
        ...['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'].flatMap((t) => [
          blank,
          block('audit_log_config', [], attr('log_type', t)),
        ]),
      ],
    ),
  ],
}));
