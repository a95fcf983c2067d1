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

/**
 * One preconfigured WAF call, alone: evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1}), or
 * evaluatePreconfiguredExpr('xss-v33-stable', ['owasp-crs-v030301-id941180-xss', …]), whose list opts signatures out
 * ("Opting out rule signatures", cloud.google.com/armor/docs/rule-tuning): the rule still covers the family.
 */
const WAF_CALL =
  /^evaluatePreconfigured(?:Waf|Expr)\(\s*['"]([a-z]+)-[^'"]*['"]\s*(?:,\s*(?:\{([^}]*)\}|\[([^\]]*)\]))?\s*\)$/;

/**
 * Calls `visit` for every character of a CEL expression outside its string literals (a backslash escapes the
 * next character inside one), with the depth of parentheses around it.
 */
function outsideStrings(text: string, visit: (c: string, i: number, depth: number) => void): void {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else {
      visit(c, i, depth);
      if (c === '(') depth++;
      else if (c === ')') depth--;
    }
  }
}

/** Whether the parentheses at both ends of a (trimmed) expression enclose all of it: `(a) || (b)` is not enclosed. */
function enclosed(expression: string): boolean {
  if (!expression.startsWith('(') || !expression.endsWith(')')) return false;
  let closedEarly = false;
  outsideStrings(expression, (c, i, depth) => {
    if (c === ')' && depth === 1 && i < expression.length - 1) closedEarly = true;
  });
  return !closedEarly;
}

const unwrap = (text: string) => {
  let inner = text.trim();
  while (enclosed(inner)) inner = inner.slice(1, -1).trim();
  return inner;
};

/**
 * The operands of an expression's top-level `||`, each without its enclosing parentheses. String literals are
 * skipped, so that `request.path.matches('a||b')` stays whole, and so does a string holding a quote and `||`.
 */
export function disjuncts(expression: string): string[] {
  const text = unwrap(expression);
  const cuts: number[] = [];
  outsideStrings(text, (c, i, depth) => {
    if (depth === 0 && c === '|' && text[i + 1] === '|' && cuts.at(-1) !== i - 1) cuts.push(i);
  });
  return [-2, ...cuts].map((cut, k) => unwrap(text.slice(cut + 2, cuts[k] ?? text.length)));
}

/**
 * The OWASP families a deny rule blocks for every request: those whose WAF call is a whole operand of the
 * expression's top-level `||` (a deny on `sqli || other` still denies every SQLi match). A call inside `&&` or
 * `!` covers only the requests that also meet the rest, which gtp does not judge, so it does not count: at worst a
 * false fail, with the reason in the detail. "Sensitivity level 0 means that no rules are enabled by default"
 * (Cloud Armor: tune preconfigured WAF rules): at 0 only opted-in signatures run, so the family does not count.
 * Without a sensitivity, evaluatePreconfiguredWaf runs at level 4 (all signatures).
 */
function wafFamilies(rule: Rule, notes: string[]): string[] {
  const expression = rule.match?.expr?.expression ?? '';
  if (!expression.includes('evaluatePreconfigured')) return [];
  const families: string[] = [];
  const calls = disjuncts(expression)
    .map((operand) => WAF_CALL.exec(operand))
    .filter((call) => call !== null);
  if (calls.length < expression.split('evaluatePreconfigured').length - 1)
    notes.push(
      `rule ${rule.priority ?? '?'}: a WAF call narrowed by other conditions (&&, !) does not cover every request`,
    );
  for (const call of calls) {
    const [, family, options = '', optedOut] = call;
    const sensitivity = /['"]sensitivity['"]\s*:\s*(\d+)/.exec(options)?.[1];
    const excluded = (optedOut ?? /['"]opt_out_rule_ids['"]\s*:\s*\[([^\]]*)\]/.exec(options)?.[1] ?? '')
      .split(',')
      .map((id) => id.trim().replace(/^['"]|['"]$/g, ''))
      .filter(Boolean);
    if (sensitivity === '0')
      notes.push(`rule ${rule.priority ?? '?'}: ${family} at sensitivity 0 enables no signatures`);
    else {
      families.push(family!);
      if (excluded.length > 0)
        notes.push(
          `rule ${rule.priority ?? '?'}: ${family} with ${excluded.length} signature(s) opted out (${excluded.join(', ')})`,
        );
    }
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
    if (isRate) {
      if (rule.rateLimitOptions?.rateLimitThreshold) rateLimit = true;
      else notes.push(`rule ${rule.priority ?? '?'} (${rule.action}) has no rateLimitOptions`);
    }
    // A rate rule's conformAction is "allow" only (Compute API, SecurityPolicyRuleRateLimitOptions): a request
    // under its threshold is allowed there, so a rate rule that matches every request ends evaluation for all
    // conforming traffic, as an allow does.
    if (matchesEveryRequest(rule)) {
      const dead = ordered.slice(i + 1).filter((r) => r.priority !== DEFAULT_RULE_PRIORITY);
      if (dead.length > 0)
        notes.push(
          `rule ${rule.priority ?? '?'} (${rule.action ?? '?'}) matches every request${isRate ? ' and allows all under its threshold' : ''}: rules ${dead.map((r) => r.priority ?? '?').join(', ')} are never reached`,
        );
      break;
    }
    if (families.length > 0 && rule.action?.startsWith('deny')) families.forEach((f) => waf.add(f));
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
