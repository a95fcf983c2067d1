// The data was checked against the check's evidence schema before any generator runs (remediations.ts).
import type { Evidence } from './evidence.js';
import { attr, blank, block, expr, tfName } from '../../../terraform/hcl.js';
import { failing, header, perCheck, wafRules } from '../../../terraform/kit.js';

/** armor.attached: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => {
  const services = failing(check).map((r) => r.data as Evidence);
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
});
