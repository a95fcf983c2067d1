import type { DrillRecord } from '../evidence/record.js';
import type { StoredRecords } from '../evidence/store.js';
import { describeCollectionError } from '../gcp/errors.js';
import type { CollectionResult } from '../gcp/inventory.js';
import type { AuditResult } from './result.js';
import { compareText } from '../util/text.js';

type Summary = NonNullable<AuditResult['restoreDrills']>;

/** How many of the project's latest drills the report lists. */
const SHOWN = 10;

/** The project's latest restore drills with their measured RTO and RPO, for reviewers. */
export function drillSummary(collected: CollectionResult, project: string): Summary {
  if (!collected.ok) return { location: '', drills: [], error: describeCollectionError(collected.error) };
  const stored = collected.value as StoredRecords & { location: string };
  const drills = stored.records
    .filter((r) => r.project === project)
    .sort((a, b) => compareText(b.finishedAt, a.finishedAt))
    .slice(0, SHOWN)
    .map(summarise);
  return { location: stored.location, drills };
}

function summarise(r: DrillRecord): Summary['drills'][number] {
  return {
    id: r.id,
    instance: r.source.instance,
    method: r.method,
    outcome: r.outcome,
    finishedAt: r.finishedAt,
    ...(r.rtoSeconds !== undefined ? { rtoSeconds: r.rtoSeconds } : {}),
    rpoSeconds: r.rpoSeconds,
    checksPassed: r.verification.filter((v) => v.outcome === 'pass').length,
    checksTotal: r.verification.length,
    ...(r.failure ? { failure: `${r.failure.step}: ${r.failure.reason}` } : {}),
  };
}
