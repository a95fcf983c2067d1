import { attr, blank, block, expr } from '../../../terraform/hcl.js';
import { header, perCheck, variable } from '../../../terraform/kit.js';

/** lb.global-external: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => ({
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
}));
