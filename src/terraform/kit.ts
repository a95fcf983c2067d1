import type { CheckResult } from '../audit/result.js';
import { attr, blank, block, comment, expr, tfName } from './hcl.js';
import type { Remediation, RemediationContext } from './types.js';

export type { Remediation, RemediationContext };

/** A fix for one failing check: its Terraform file, from the check's result (its failing resources' data). */
export type Generator = (check: CheckResult, ctx: RemediationContext) => Remediation;

/**
 * How a check's remediation is written in Terraform. Checks whose fixes edit one resource together (Cloud SQL
 * settings of one instance) share a `group`: the generator is given every failing check of the group at once, so
 * that a resource is declared once.
 */
export interface TerraformFix {
  group?: string;
  generate(checks: readonly CheckResult[], ctx: RemediationContext): Remediation[];
}

/** A fix written one check at a time. */
export const perCheck = (generator: Generator): TerraformFix => ({
  generate: (checks, ctx) => checks.map((check) => generator(check, ctx)),
});

export const failing = (check: CheckResult) => check.resources.filter((r) => r.verdict === 'fail');

export function header(check: CheckResult, risks: string, extra: string[] = []): ReturnType<typeof comment> {
  return comment(
    [
      `${check.id}: ${check.title}`,
      `Resources: ${
        failing(check)
          .map((r) => r.name)
          .join(', ') || '(the project)'
      }`,
      `Change: ${check.remediation.text}`,
      `Risks: ${risks}`,
      ...extra,
    ].join('\n'),
  );
}

export const variable = (name: string, description: string, type = 'string', defaultValue?: string | number) =>
  block(
    'variable',
    [name],
    [...attr('description', description), ...attr('type', expr(type)), ...attr('default', defaultValue)],
  );

/**
 * Cloud Armor rules that gtp checks for: enforced OWASP SQLi and XSS rules and a per-client rate limit, as rule
 * resources of an existing policy (named by `policy`, a name or an expression).
 */
export function wafRules(
  project: string,
  policy: string | ReturnType<typeof expr>,
  label: string,
  missingWaf: string[],
  rateLimit: boolean,
): ReturnType<typeof block>[] {
  const rules: ReturnType<typeof block>[] = [];
  const priorities: Record<string, number> = { sqli: 1000, xss: 1001 };
  for (const family of missingWaf) {
    rules.push(
      block(
        'resource',
        ['google_compute_security_policy_rule', `${tfName(label)}_${family}`],
        [
          ...attr('project', project),
          ...attr('security_policy', policy),
          ...attr('priority', priorities[family] ?? 1002),
          ...attr('action', 'deny(403)'),
          ...attr('preview', false),
          ...attr('description', `OWASP ${family}`),
          blank,
          block(
            'match',
            [],
            [
              block(
                'expr',
                [],
                attr('expression', `evaluatePreconfiguredWaf('${family}-v33-stable', {'sensitivity': 1})`),
              ),
            ],
          ),
        ],
      ),
    );
  }
  if (rateLimit) {
    rules.push(
      block(
        'resource',
        ['google_compute_security_policy_rule', `${tfName(label)}_rate_limit`],
        [
          ...attr('project', project),
          ...attr('security_policy', policy),
          ...attr('priority', 2000),
          ...attr('action', 'throttle'),
          ...attr('preview', false),
          ...attr('description', 'Per-client rate limit'),
          blank,
          block(
            'match',
            [],
            [...attr('versioned_expr', 'SRC_IPS_V1'), blank, block('config', [], attr('src_ip_ranges', ['*']))],
          ),
          blank,
          block(
            'rate_limit_options',
            [],
            [
              ...attr('conform_action', 'allow'),
              ...attr('exceed_action', 'deny(429)'),
              ...attr('enforce_on_key', 'IP'),
              blank,
              block('rate_limit_threshold', [], [...attr('count', 600), ...attr('interval_sec', 60)]),
            ],
          ),
        ],
      ),
    );
  }
  return rules;
}

/**
 * What no Terraform change fixes (the check's definition says why): the file says what to do instead. Its text is
 * the same for every such check, as it was before the reasons were recorded with the checks.
 */
export function operationalRemediation(check: CheckResult): Remediation {
  return {
    check: check.id,
    blocks: [
      header(check, 'None from Terraform.', [
        '',
        'This is not a configuration change: act on the findings listed in the report.',
      ]),
    ],
  };
}

/**
 * A google_monitoring_alert_policy with one threshold condition that notifies `var.notification_channel`: the shape
 * of every alert a check asks for (quota, SLO burn rate).
 */
export function thresholdAlertPolicy(
  name: string,
  policy: {
    project: string;
    displayName: string;
    condition: string;
    filter: string | ReturnType<typeof expr>;
    threshold: number;
    duration: string;
  },
): ReturnType<typeof block> {
  return block(
    'resource',
    ['google_monitoring_alert_policy', name],
    [
      ...attr('project', policy.project),
      ...attr('display_name', policy.displayName),
      ...attr('combiner', 'OR'),
      ...attr('enabled', true),
      ...attr('notification_channels', [expr('var.notification_channel')]),
      blank,
      block(
        'conditions',
        [],
        [
          ...attr('display_name', policy.condition),
          blank,
          block(
            'condition_threshold',
            [],
            [
              ...attr('filter', policy.filter),
              ...attr('comparison', 'COMPARISON_GT'),
              ...attr('threshold_value', policy.threshold),
              ...attr('duration', policy.duration),
            ],
          ),
        ],
      ),
    ],
  );
}
