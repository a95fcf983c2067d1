import type { ResourceVerdict } from '../types.js';
import { nameOf, primaryNameOf, roleOf, type SqlInstance } from '../../gcp/model/sql.js';

/**
 * Judges every primary instance with `judge`; a read replica takes its primary's verdict (its data is recovered
 * through the primary), so a replica is never failed for lacking backups of its own.
 */
export function judgePrimaries(
  instances: readonly SqlInstance[],
  judge: (primary: SqlInstance) => Omit<ResourceVerdict, 'name'>,
  replicas: 'follow-primary' | 'not-applicable' = 'follow-primary',
): ResourceVerdict[] {
  const primaries = new Map<string, Omit<ResourceVerdict, 'name'>>();
  for (const instance of instances)
    if (roleOf(instance) === 'primary') primaries.set(nameOf(instance), judge(instance));
  return instances.map((instance): ResourceVerdict => {
    const name = nameOf(instance);
    const role = roleOf(instance);
    if (role === 'primary') {
      const verdict = primaries.get(name)!;
      return { name, ...verdict, ...(verdict.verdict === 'fail' ? { data: instance } : {}) };
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
      detail: `read replica: judged through its primary ${primary} (${primaryVerdict.verdict})`,
    };
  });
}
