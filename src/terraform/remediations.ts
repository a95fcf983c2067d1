import type { CheckResult } from '../audit/result.js';
import type { BackendService } from '../gcp/model/compute.js';
import { attr, blank, block, comment, expr, tfName, type Body } from './hcl.js';
import { crossRegionReplica, SQL_SETTING_CHECKS, sqlSettingRemediations } from './sql.js';
import type { Remediation, RemediationContext } from './types.js';

type Generator = (check: CheckResult, ctx: RemediationContext) => Remediation;

const failing = (check: CheckResult) => check.resources.filter((r) => r.verdict === 'fail');

function header(check: CheckResult, risks: string, extra: string[] = []): ReturnType<typeof comment> {
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

const variable = (name: string, description: string, type = 'string', defaultValue?: string | number) =>
  block(
    'variable',
    [name],
    [...attr('description', description), ...attr('type', expr(type)), ...attr('default', defaultValue)],
  );

/**
 * Cloud Armor rules that gtp checks for: enforced OWASP SQLi and XSS rules and a per-client rate limit, as rule
 * resources of an existing policy (named by `policy`, a name or an expression).
 */
function wafRules(
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

const GENERATORS: Record<string, Generator> = {
  'sql.cross-region-replica': crossRegionReplica,

  'armor.attached': (check, ctx) => {
    const services = failing(check).map((r) => r.data as { scope: string; service: BackendService });
    const global = services.filter((s) => s.scope === 'global');
    const regional = services.filter((s) => s.scope !== 'global');
    return {
      check: check.id,
      blocks: [
        header(
          check,
          'Attaching a policy changes no traffic until a rule denies; the rules below deny SQLi/XSS and rate-limit per client, so watch for false positives (set preview = true first if unsure).',
          [
            '',
            'Global backend services are imported as they are and written from the live API data with the policy attached.',
            ...(regional.length
              ? [
                  `Regional backend services (${regional.map((s) => s.service.name).join(', ')}): set security_policy on their`,
                  'google_compute_region_backend_service resource to a regional policy.',
                ]
              : []),
          ],
        ),
        block(
          'resource',
          ['google_compute_security_policy', 'edge'],
          [
            ...attr('project', ctx.project),
            ...attr('name', 'edge-waf'),
            ...attr('description', 'Cloud Armor for internet-facing backends (gtp armor.attached)'),
            blank,
            block(
              'rule',
              [],
              [
                ...attr('action', 'allow'),
                ...attr('priority', 2147483647),
                ...attr('description', 'Default rule'),
                blank,
                block(
                  'match',
                  [],
                  [...attr('versioned_expr', 'SRC_IPS_V1'), blank, block('config', [], attr('src_ip_ranges', ['*']))],
                ),
              ],
            ),
          ],
        ),
        ...wafRules(ctx.project, expr('google_compute_security_policy.edge.name'), 'edge', ['sqli', 'xss'], true),
        ...global.flatMap(({ service }) => [
          block(
            'import',
            [],
            [
              ...attr('to', expr(`google_compute_backend_service.${tfName(service.name ?? 'backend')}`)),
              ...attr('id', `projects/${ctx.project}/global/backendServices/${service.name}`),
            ],
          ),
          block(
            'resource',
            ['google_compute_backend_service', tfName(service.name ?? 'backend')],
            [
              ...attr('project', ctx.project),
              ...attr('name', service.name),
              ...attr('load_balancing_scheme', service.loadBalancingScheme),
              ...attr('protocol', service.protocol),
              ...attr('port_name', service.portName),
              ...attr('timeout_sec', service.timeoutSec),
              ...attr('session_affinity', service.sessionAffinity),
              ...attr('enable_cdn', service.enableCDN),
              ...attr('health_checks', service.healthChecks),
              ...attr('security_policy', expr('google_compute_security_policy.edge.id')),
              ...(service.backends ?? []).flatMap((b) => [
                blank,
                block(
                  'backend',
                  [],
                  [
                    ...attr('group', b.group),
                    ...attr('balancing_mode', b.balancingMode),
                    ...attr('capacity_scaler', b.capacityScaler),
                    ...attr('max_rate_per_endpoint', b.maxRatePerEndpoint),
                    ...attr('max_utilization', b.maxUtilization),
                  ],
                ),
              ]),
            ],
          ),
        ]),
      ],
    };
  },

  'armor.waf-rules': (check, ctx) => {
    const policies = new Map<string, { missingWaf: string[]; missingRateLimit: boolean }>();
    for (const r of failing(check)) {
      const d = r.data as { policy?: string; missingWaf: string[]; missingRateLimit: boolean } | undefined;
      if (d?.policy) policies.set(d.policy, d);
    }
    return {
      check: check.id,
      blocks: [
        header(
          check,
          'Deny rules can block legitimate requests that look like attacks: watch the Cloud Armor logs after applying, and lower the sensitivity if needed.',
          [
            '',
            'Rules are added to the existing policies as separate google_compute_security_policy_rule resources,',
            'at priorities 1000, 1001 and 2000: move them if the policy already uses those.',
            ...(failing(check).some((r) => !r.data)
              ? ['Backends without any policy are fixed by armor.attached.tf.']
              : []),
          ],
        ),
        ...[...policies].flatMap(([policy, d]) =>
          wafRules(ctx.project, policy, policy, d.missingWaf, d.missingRateLimit),
        ),
      ],
    };
  },

  'lb.global-external': (check, ctx) => ({
    check: check.id,
    blocks: [
      header(
        check,
        'A new global load balancer with a new anycast IP: move DNS to it only when its certificate is ACTIVE and its backends are healthy.',
      ),
      variable('domain', 'Hostname served by the global load balancer.'),
      variable('backend_group', 'Instance group or network endpoint group that serves the application.'),
      block(
        'resource',
        ['google_compute_global_address', 'global_lb'],
        [...attr('project', ctx.project), ...attr('name', 'global-lb')],
      ),
      block(
        'resource',
        ['google_compute_managed_ssl_certificate', 'global_lb'],
        [
          ...attr('project', ctx.project),
          ...attr('name', 'global-lb'),
          blank,
          block('managed', [], attr('domains', [expr('var.domain')])),
        ],
      ),
      block(
        'resource',
        ['google_compute_backend_service', 'global_lb'],
        [
          ...attr('project', ctx.project),
          ...attr('name', 'global-lb'),
          ...attr('load_balancing_scheme', 'EXTERNAL_MANAGED'),
          ...attr('protocol', 'HTTP'),
          blank,
          block('backend', [], [...attr('group', expr('var.backend_group')), ...attr('balancing_mode', 'UTILIZATION')]),
        ],
      ),
      block(
        'resource',
        ['google_compute_url_map', 'global_lb'],
        [
          ...attr('project', ctx.project),
          ...attr('name', 'global-lb'),
          ...attr('default_service', expr('google_compute_backend_service.global_lb.id')),
        ],
      ),
      block(
        'resource',
        ['google_compute_target_https_proxy', 'global_lb'],
        [
          ...attr('project', ctx.project),
          ...attr('name', 'global-lb'),
          ...attr('url_map', expr('google_compute_url_map.global_lb.id')),
          ...attr('ssl_certificates', [expr('google_compute_managed_ssl_certificate.global_lb.id')]),
        ],
      ),
      block(
        'resource',
        ['google_compute_global_forwarding_rule', 'global_lb'],
        [
          ...attr('project', ctx.project),
          ...attr('name', 'global-lb'),
          ...attr('load_balancing_scheme', 'EXTERNAL_MANAGED'),
          ...attr('target', expr('google_compute_target_https_proxy.global_lb.id')),
          ...attr('ip_address', expr('google_compute_global_address.global_lb.id')),
          ...attr('port_range', '443'),
        ],
      ),
    ],
  }),

  'gke.regional': (check, ctx) => ({
    check: check.id,
    blocks: [
      header(
        check,
        'A zonal cluster cannot become regional in place: create the regional cluster below, move workloads to it, then delete the zonal one.',
      ),
      ...failing(check).map((r) => {
        const zone = /location=([^ ]+)/.exec(r.detail)?.[1] ?? '';
        return block(
          'resource',
          ['google_container_cluster', tfName(`${r.name}-regional`)],
          [
            ...attr('project', ctx.project),
            ...attr('name', `${r.name}-regional`),
            ...attr('location', zone.replace(/-[a-z]$/, '')),
            ...attr('initial_node_count', 1),
            ...attr('deletion_protection', true),
          ],
        );
      }),
    ],
  }),

  'gke.multi-region': (check, ctx) => ({
    check: check.id,
    blocks: [
      header(
        check,
        'A second regional cluster doubles the GKE bill; it serves only once the global load balancer sends it traffic (lb.global-external).',
      ),
      variable('secondary_region', 'The second region (the seed names us-east1).', 'string', 'us-east1'),
      block(
        'resource',
        ['google_container_cluster', 'secondary'],
        [
          ...attr('project', ctx.project),
          ...attr('name', 'prod-secondary'),
          ...attr('location', expr('var.secondary_region')),
          ...attr('initial_node_count', 1),
          ...attr('deletion_protection', true),
          blank,
          block('binary_authorization', [], attr('evaluation_mode', 'PROJECT_SINGLETON_POLICY_ENFORCE')),
        ],
      ),
    ],
  }),

  'billing.budget': (check) => {
    const d = failing(check).find((r) => r.data)?.data as
      { billingAccount: string; projectNumber?: string } | undefined;
    return {
      check: check.id,
      blocks: [
        header(
          check,
          'None: a budget alerts, it does not stop spend (billing.budget-pubsub adds the topic for a cap).',
        ),
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
            block(
              'threshold_rules',
              [],
              [...attr('threshold_percent', 1.0), ...attr('spend_basis', 'FORECASTED_SPEND')],
            ),
          ],
        ),
      ],
    };
  },

  'billing.budget-pubsub': (check, ctx) => {
    const d = failing(check).find((r) => r.data)?.data as { budgets?: string[] } | undefined;
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
  },

  'scanning.vulnerability-scanning': (check, ctx) => {
    const apiOff = failing(check).some((r) => r.name === 'containerscanning.googleapis.com');
    const repos = failing(check)
      .filter((r) => r.name !== 'containerscanning.googleapis.com')
      .map((r) => r.name);
    return {
      check: check.id,
      blocks: [
        header(check, 'Scanning is billed per image scanned; new pushes are scanned from then on.', [
          ...(repos.length
            ? [
                '',
                'In each repository resource below, set vulnerability_scanning_config { enablement_config = "INHERITED" }:',
                ...repos.map((r) => `  google_artifact_registry_repository for ${r}`),
              ]
            : []),
        ]),
        ...(apiOff
          ? [
              block(
                'resource',
                ['google_project_service', 'container_scanning'],
                [
                  ...attr('project', ctx.project),
                  ...attr('service', 'containerscanning.googleapis.com'),
                  ...attr('disable_on_destroy', false),
                ],
              ),
            ]
          : []),
      ],
    };
  },

  'binauthz.enforced': (check, ctx) => {
    const clusters = failing(check)
      .filter((r) => r.name !== 'policy')
      .map((r) => r.name);
    const policy = failing(check).some((r) => r.name === 'policy');
    return {
      check: check.id,
      blocks: [
        header(
          check,
          'Enforcement blocks every image without an attestation: attest what CI builds first, and try DRYRUN_AUDIT_LOG_ONLY before ENFORCED_BLOCK_AND_AUDIT_LOG.',
          [
            ...(clusters.length
              ? [
                  '',
                  'On each cluster resource below, set binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" }:',
                  ...clusters.map((c) => `  google_container_cluster for ${c}`),
                ]
              : []),
          ],
        ),
        ...(policy
          ? [
              variable('attestor', 'Attestor that CI signs with, e.g. projects/P/attestors/built-by-ci.'),
              block(
                'resource',
                ['google_binary_authorization_policy', 'policy'],
                [
                  ...attr('project', ctx.project),
                  ...attr('global_policy_evaluation_mode', 'ENABLE'),
                  blank,
                  block(
                    'default_admission_rule',
                    [],
                    [
                      ...attr('evaluation_mode', 'REQUIRE_ATTESTATION'),
                      ...attr('enforcement_mode', 'ENFORCED_BLOCK_AND_AUDIT_LOG'),
                      ...attr('require_attestations_by', [expr('var.attestor')]),
                    ],
                  ),
                ],
              ),
            ]
          : []),
      ],
    };
  },

  'deploy.canary': (check) => ({
    check: check.id,
    blocks: [
      header(check, 'The next release goes out in steps; each step waits for verification, so releases take longer.', [
        '',
        'In the last stage of each google_clouddeploy_delivery_pipeline below, replace the standard strategy with:',
        '  strategy {',
        '    canary {',
        '      runtime_config { kubernetes { service_networking { service = "<service>", deployment = "<deployment>" } } }',
        '      canary_deployment { percentages = [10, 50], verify = true }',
        '    }',
        '  }',
        ...failing(check).map((r) => `  pipeline ${r.name}`),
      ]),
    ],
  }),

  'deploy.rollback-automation': (check, ctx) => ({
    check: check.id,
    blocks: [
      header(
        check,
        'A failed rollout is rolled back without a person: make sure the verify job really tells good from bad.',
      ),
      variable('deployer_service_account', 'Service account the automation runs as (roles/clouddeploy.jobRunner).'),
      ...failing(check).map((r) => {
        const [location, pipeline] = r.name.split('/');
        return block(
          'resource',
          ['google_clouddeploy_automation', tfName(`${pipeline}-rollback`)],
          [
            ...attr('project', ctx.project),
            ...attr('location', location),
            ...attr('delivery_pipeline', pipeline),
            ...attr('name', 'rollback-on-failure'),
            ...attr('service_account', expr('var.deployer_service_account')),
            blank,
            block('selector', [], [block('targets', [], attr('id', '*'))]),
            blank,
            block(
              'rules',
              [],
              [
                block(
                  'repair_rollout_rule',
                  [],
                  [
                    ...attr('id', 'repair'),
                    blank,
                    block('repair_phases', [], [block('retry', [], [...attr('attempts', 1), ...attr('wait', '60s')])]),
                    blank,
                    block('repair_phases', [], [block('rollback', [], [])]),
                  ],
                ),
              ],
            ),
          ],
        );
      }),
    ],
  }),

  'monitoring.slo-burn-rate-alert': (check, ctx) => ({
    check: check.id,
    blocks: [
      header(
        check,
        'Pages people: tune the threshold (10× burn over an hour is a common fast-burn alert) before routing it to on-call.',
      ),
      variable('slo', 'Full name of the SLO: projects/P/services/S/serviceLevelObjectives/O.'),
      variable('notification_channel', 'Notification channel id for the alert.'),
      block(
        'resource',
        ['google_monitoring_alert_policy', 'slo_burn'],
        [
          ...attr('project', ctx.project),
          ...attr('display_name', 'SLO fast burn'),
          ...attr('combiner', 'OR'),
          ...attr('enabled', true),
          ...attr('notification_channels', [expr('var.notification_channel')]),
          blank,
          block(
            'conditions',
            [],
            [
              ...attr('display_name', 'burn rate above 10 over 1h'),
              blank,
              block(
                'condition_threshold',
                [],
                [
                  ...attr('filter', expr('"select_slo_burn_rate(\\"${var.slo}\\", \\"3600s\\")"')),
                  ...attr('comparison', 'COMPARISON_GT'),
                  ...attr('threshold_value', 10),
                  ...attr('duration', '0s'),
                ],
              ),
            ],
          ),
        ],
      ),
    ],
  }),

  'monitoring.quota-alert': (check, ctx) => ({
    check: check.id,
    blocks: [
      header(check, 'Pages people when any quota passes 80 % of its limit.'),
      variable('notification_channel', 'Notification channel id for the alert.'),
      block(
        'resource',
        ['google_monitoring_alert_policy', 'quota'],
        [
          ...attr('project', ctx.project),
          ...attr('display_name', 'Quota above 80%'),
          ...attr('combiner', 'OR'),
          ...attr('enabled', true),
          ...attr('notification_channels', [expr('var.notification_channel')]),
          blank,
          block(
            'conditions',
            [],
            [
              ...attr('display_name', 'quota allocation usage'),
              blank,
              block(
                'condition_threshold',
                [],
                [
                  ...attr(
                    'filter',
                    'metric.type="serviceruntime.googleapis.com/quota/allocation/usage" resource.type="consumer_quota"',
                  ),
                  ...attr('comparison', 'COMPARISON_GT'),
                  ...attr('threshold_value', 0.8),
                  ...attr('duration', '60s'),
                ],
              ),
            ],
          ),
        ],
      ),
    ],
  }),

  'storage.state-bucket': (check) => ({
    check: check.id,
    blocks: [
      header(
        check,
        'Versioning keeps every state version (storage cost grows with applies: add a lifecycle rule for old versions).',
        [
          '',
          ...failing(check).flatMap((r) => [
            `In the google_storage_bucket resource of ${r.name}, set:`,
            '  public_access_prevention = "enforced"',
            '  versioning {',
            '    enabled = true',
            '  }',
          ]),
        ],
      ),
    ],
  }),

  'storage.backup-bucket-lock': (check, ctx) => {
    const lines = [
      '  retention_policy {',
      '    retention_period = 2592000 # 30 days',
      `    is_locked        = ${ctx.allowIrreversible ? 'true' : 'false # true locks it: irreversible, see above'}`,
      '  }',
    ];
    return {
      check: check.id,
      blocks: [
        header(
          check,
          'Locking a retention policy is IRREVERSIBLE: the period can then only grow, and the bucket cannot be deleted before every object has aged out.',
          [
            ctx.allowIrreversible
              ? 'Emitted with the lock on (--allow-irreversible).'
              : 'The lock is left off; rerun with --allow-irreversible to emit it on.',
            '',
            ...failing(check).flatMap((r) => [`In the google_storage_bucket resource of ${r.name}, set:`, ...lines]),
          ],
        ),
      ],
    };
  },

  'iam.data-access-logs': (check, ctx) => ({
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
  }),
};

/** What no Terraform change fixes: the file says what to do instead. */
function operational(check: CheckResult): Remediation {
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

/** One remediation per failing check, in catalogue order. */
export function remediations(checks: readonly CheckResult[], ctx: RemediationContext): Remediation[] {
  const sql = new Map(sqlSettingRemediations(checks, ctx).map((r) => [r.check, r]));
  return checks
    .filter((c) => c.outcome === 'fail')
    .map((check) =>
      (SQL_SETTING_CHECKS as readonly string[]).includes(check.id)
        ? sql.get(check.id)!
        : (GENERATORS[check.id] ?? operational)(check, ctx),
    );
}

export type { Body };
