import { describeCollectionError } from '../gcp/errors.js';
import type { CollectionResult } from '../gcp/inventory.js';
import type { AuditResult } from './result.js';
import { compareText } from '../util/text.js';

type Summary = NonNullable<AuditResult['securityCommandCenter']>;

/** Counts of SCC's active, unmuted findings by severity and by class, for the report. */
export function sccSummary(collected: CollectionResult): Summary {
  if (!collected.ok) return { active: 0, bySeverity: {}, byClass: {}, error: describeCollectionError(collected.error) };
  const findings = (collected.value as { finding?: { severity?: string; findingClass?: string } }[]).map(
    (r) => r.finding ?? {},
  );
  const count = (key: (f: (typeof findings)[number]) => string) =>
    Object.fromEntries(
      [...findings.reduce((m, f) => m.set(key(f), (m.get(key(f)) ?? 0) + 1), new Map<string, number>())].sort(
        ([a], [b]) => compareText(a, b),
      ),
    );
  return {
    active: findings.length,
    bySeverity: count((f) => f.severity ?? 'SEVERITY_UNSPECIFIED'),
    byClass: count((f) => f.findingClass ?? 'FINDING_CLASS_UNSPECIFIED'),
  };
}
