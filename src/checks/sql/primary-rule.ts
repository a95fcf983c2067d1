import type { MaybeUnknown } from '../evidence.js';
import { nameOf, primaryNameOf, roleOf, type SqlInstance } from '../../gcp/model/sql.js';

/**
 * Judges every primary instance with `judge`; a read replica takes its primary's verdict (its data is recovered
 * through the primary), so a replica is never failed for lacking backups of its own. A primary gtp cannot judge
 * (`unknown`) leaves its replicas unknown too: the caller settles what that makes the check.
 */
export function judgePrimaries(
  instances: readonly SqlInstance[],
  judge: (primary: SqlInstance) => Omit<MaybeUnknown, 'name'>,
  replicas: 'follow-primary' | 'not-applicable' = 'follow-primary',
): MaybeUnknown[] {
  const primaries = new Map<string, Omit<MaybeUnknown, 'name'>>();
  for (const instance of instances)
    if (roleOf(instance) === 'primary') primaries.set(nameOf(instance), judge(instance));
  return instances.map((instance): MaybeUnknown => {
    const name = nameOf(instance);
    const role = roleOf(instance);
    if (role === 'primary') {
      const verdict = primaries.get(name)!;
      // A failing primary carries the instance for the Terraform fix, unless its judge says what (or that nothing)
      // the fix is written from: an instance with enhanced backups is not fixed by turning Cloud SQL's backups on.
      return { name, ...(verdict.verdict === 'fail' && !('data' in verdict) ? { data: instance } : {}), ...verdict };
    }
    if (role === 'external')
      return { name, verdict: 'not-applicable', detail: 'on-premises source: not a Cloud SQL instance' };
    if (replicas === 'not-applicable')
      return {
        name,
        verdict: 'not-applicable',
        detail: `read replica of ${instance.masterInstanceName ?? 'an unknown primary'}: the question is about primaries`,
      };
    const primary = primaryNameOf(instance);
    const primaryVerdict = primary ? primaries.get(primary) : undefined;
    if (!primaryVerdict)
      return {
        name,
        verdict: 'not-applicable',
        detail: `read replica of ${instance.masterInstanceName ?? 'an unknown primary'}, which is not in this project`,
      };
    return {
      name,
      verdict: primaryVerdict.verdict,
      ...(primaryVerdict.unknown ? { unknown: true as const } : {}),
      detail: `read replica: judged through its primary ${primary} (${primaryVerdict.unknown ? 'unverified' : primaryVerdict.verdict})`,
    };
  });
}
