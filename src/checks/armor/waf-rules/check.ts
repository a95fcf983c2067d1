import { evidence } from './evidence.js';
import terraformFix from './terraform.js';
import {
  backendServices,
  isInternetFacing,
  matchesEveryRequest,
  servesHttp,
  shortName,
  type SecurityPolicy,
  type SecurityPolicyRule as Rule,
} from '../../../gcp/model/compute.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';

/** The default rule's priority: the lowest, evaluated when no other rule matched. */
const DEFAULT_RULE_PRIORITY = 2147483647;

/** The OWASP families a WAF must block at least: evaluatePreconfiguredWaf('sqli-v33-stable') and the like. */
const REQUIRED_WAF = ['sqli', 'xss'] as const;

const WAF_CALL = /evaluatePreconfigured(Waf|Expr)\(\s*['"]([a-z]+)-[^'"]*['"]\s*(?:,\s*\{([^}]*)\})?\s*\)/g;

/**
 * The OWASP families a rule's expression evaluates with signatures on. "Sensitivity level 0 means that no rules
 * are enabled by default" (Cloud Armor: tune preconfigured WAF rules): at 0 only opted-in signatures run, so the
 * family does not count. Without a sensitivity, evaluatePreconfiguredWaf runs at level 4 (all signatures).
 */
function wafFamilies(rule: Rule, notes: string[]): string[] {
  const expression = rule.match?.expr?.expression ?? '';
  const families: string[] = [];
  for (const [, , family, options = ''] of expression.matchAll(WAF_CALL)) {
    const sensitivity = /['"]sensitivity['"]\s*:\s*(\d+)/.exec(options)?.[1];
    if (sensitivity === '0')
      notes.push(`rule ${rule.priority ?? '?'}: ${family} at sensitivity 0 enables no signatures`);
    else families.push(family!);
  }
  return families;
}

/**
 * What a policy enforces, as a request meets its rules: in priority order, up to the first rule every request
 * matches (nothing after it is reached). Preview rules only log, and a rate rule without its options is malformed.
 */
export function enforcement(policy: SecurityPolicy): { waf: Set<string>; rateLimit: boolean; notes: string[] } {
  const waf = new Set<string>();
  let rateLimit = false;
  const notes: string[] = [];
  const ordered = [...(policy.rules ?? [])].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  for (const [i, rule] of ordered.entries()) {
    const families = wafFamilies(rule, notes);
    const isRate = rule.action === 'throttle' || rule.action === 'rate_based_ban';
    if (rule.preview === true) {
      if (families.length > 0 || isRate) notes.push(`rule ${rule.priority ?? '?'} is in preview (logs only)`);
      continue;
    }
    if (matchesEveryRequest(rule) && !isRate) {
      const dead = ordered.slice(i + 1).filter((r) => r.priority !== DEFAULT_RULE_PRIORITY);
      if (dead.length > 0)
        notes.push(
          `rule ${rule.priority ?? '?'} (${rule.action ?? '?'}) matches every request: rules ${dead.map((r) => r.priority ?? '?').join(', ')} are never reached`,
        );
      break;
    }
    if (families.length > 0 && rule.action?.startsWith('deny')) families.forEach((f) => waf.add(f));
    if (isRate) {
      if (rule.rateLimitOptions?.rateLimitThreshold) rateLimit = true;
      else notes.push(`rule ${rule.priority ?? '?'} (${rule.action}) has no rateLimitOptions`);
    }
  }
  return { waf, rateLimit, notes };
}

export default defineCheck({
  id: 'armor.waf-rules',
  title: 'Cloud Armor policies on internet-facing backends enforce OWASP WAF rules and rate limiting',
  collects: ['compute.backendServices', 'compute.securityPolicies'],
  evidence,
  permissions: ['compute.backendServices.list', 'compute.securityPolicies.list'],
  remediation: {
    terraform: terraformFix,
    text: "Add enforced (preview = false) deny rules with evaluatePreconfiguredWaf('sqli-v33-stable') and ('xss-v33-stable'), and a throttle or rate_based_ban rule with rate_limit_options.",
  },
  evaluate(data) {
    const policies = Object.values(data.get('compute.securityPolicies')).flatMap((list) => list.securityPolicies ?? []);
    const find = (url: string) =>
      policies.find(
        (p) => (p.selfLink && url.endsWith(p.selfLink.replace(/^https:\/\/[^/]+/, ''))) || p.name === shortName(url),
      );
    const resources = backendServices(data.get('compute.backendServices')).map(
      ({ scope, service, name }): ResourceVerdict => {
        if (!isInternetFacing(service))
          return { name, verdict: 'not-applicable', detail: `${scope}: not internet-facing` };
        // A network load balancer's policy filters connections or packets: it cannot have HTTP WAF rules.
        if (!servesHttp(service))
          return {
            name,
            verdict: 'not-applicable',
            detail: `${scope}: protocol ${service.protocol}: a network load balancer's backend, which takes no HTTP WAF rules (armor.attached judges its policy)`,
          };
        if (!service.securityPolicy)
          return { name, verdict: 'fail', detail: `${scope}: no security policy attached, so no WAF rules` };
        const policy = find(service.securityPolicy);
        const policyName = shortName(service.securityPolicy)!;
        if (!policy) return { name, verdict: 'fail', detail: `${scope}: security policy ${policyName} not found` };
        const { waf, rateLimit, notes } = enforcement(policy);
        const missing = [
          ...REQUIRED_WAF.filter((f) => !waf.has(f)).map((f) => `${f} WAF rule`),
          ...(rateLimit ? [] : ['rate limiting']),
        ];
        return {
          name,
          ...(missing.length > 0
            ? {
                data: {
                  policy: policyName,
                  scope,
                  missingWaf: REQUIRED_WAF.filter((f) => !waf.has(f)),
                  missingRateLimit: !rateLimit,
                },
              }
            : {}),
          verdict: missing.length === 0 ? 'pass' : 'fail',
          detail: `${scope}: policy ${policyName}: WAF ${[...waf].sort().join('+') || 'none'}, rate limiting ${rateLimit ? 'on' : 'off'}${missing.length ? `; missing ${missing.join(', ')}` : ''}${notes.length ? `; ${notes.join('; ')}` : ''}`,
        };
      },
    );
    return { resources };
  },
});
