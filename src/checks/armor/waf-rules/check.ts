import { evidence } from './evidence.js';
import terraformFix from './terraform.js';
import {
  backendServices,
  isInternetFacing,
  shortName,
  type SecurityPolicy,
  type SecurityPolicyRule as Rule,
} from '../../../gcp/model/compute.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';

/** The OWASP families a WAF must block at least: evaluatePreconfiguredWaf('sqli-v33-stable') and the like. */
const REQUIRED_WAF = ['sqli', 'xss'] as const;

function wafFamilies(rule: Rule): string[] {
  const expression = rule.match?.expr?.expression ?? '';
  return [...expression.matchAll(/evaluatePreconfigured(?:Waf|Expr)\(\s*['"]([a-z]+)-/g)].map((m) => m[1]!);
}

/** What a policy enforces; preview rules only log, and a rate rule without its options is malformed. */
export function enforcement(policy: SecurityPolicy): { waf: Set<string>; rateLimit: boolean; notes: string[] } {
  const waf = new Set<string>();
  let rateLimit = false;
  const notes: string[] = [];
  for (const rule of policy.rules ?? []) {
    const families = wafFamilies(rule);
    const isRate = rule.action === 'throttle' || rule.action === 'rate_based_ban';
    if (rule.preview === true) {
      if (families.length > 0 || isRate) notes.push(`rule ${rule.priority ?? '?'} is in preview (logs only)`);
      continue;
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
