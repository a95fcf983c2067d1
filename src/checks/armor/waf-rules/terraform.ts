// The data was checked against the check's evidence schema before any generator runs (remediations.ts).
import type { Evidence } from './evidence.js';
import { failing, header, perCheck, wafRules } from '../../../terraform/kit.js';

/** armor.waf-rules: the Terraform that makes the check pass. */
export default perCheck((check, ctx) => {
  const policies = new Map<string, { missingWaf: string[]; missingRateLimit: boolean }>();
  for (const r of failing(check)) {
    const d = r.data as Evidence | undefined;
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
});
