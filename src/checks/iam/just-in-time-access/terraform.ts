import { attr, blank, block, expr } from '../../../terraform/hcl.js';
import { header, perCheck, variable } from '../../../terraform/kit.js';

/**
 * iam.just-in-time-access: an entitlement through which the people who now hold owner standing request it for an
 * hour, with an approver. The standing bindings are removed by hand (or from the Terraform that made them): the
 * fix adds the way in before the old one is taken away.
 */
export default perCheck((check, ctx) => ({
  check: check.id,
  blocks: [
    header(
      check,
      'Apply this, move the people of the standing bindings into the requesters group, then remove those bindings.',
    ),
    variable('requesters', 'Principal (e.g. group:oncall@example.com) who may request owner for an hour.'),
    variable('approvers', 'Principal who approves each request.'),
    block(
      'resource',
      ['google_privileged_access_manager_entitlement', 'owner_just_in_time'],
      [
        ...attr('parent', `projects/${ctx.project}`),
        ...attr('location', 'global'),
        ...attr('entitlement_id', 'owner-just-in-time'),
        ...attr('max_request_duration', '3600s'),
        blank,
        block('eligible_users', [], attr('principals', [expr('var.requesters')])),
        blank,
        block(
          'privileged_access',
          [],
          [
            block(
              'gcp_iam_access',
              [],
              [
                ...attr('resource_type', 'cloudresourcemanager.googleapis.com/Project'),
                ...attr('resource', `//cloudresourcemanager.googleapis.com/projects/${ctx.project}`),
                blank,
                block('role_bindings', [], attr('role', 'roles/owner')),
              ],
            ),
          ],
        ),
        blank,
        block('requester_justification_config', [], [block('unstructured', [], [])]),
        blank,
        block(
          'approval_workflow',
          [],
          [
            block(
              'manual_approvals',
              [],
              [
                block(
                  'steps',
                  [],
                  [...attr('approvals_needed', 1), block('approvers', [], attr('principals', [expr('var.approvers')]))],
                ),
              ],
            ),
          ],
        ),
      ],
    ),
  ],
}));
