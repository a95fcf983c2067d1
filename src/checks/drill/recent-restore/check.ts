import { sqlInstanceEvidence } from '../../sql/evidence.js';
import type { DrillRecord } from '../../../evidence/record.js';
import { CLOCK_SKEW_MS } from '../../../util/clock.js';
import { formatSeconds } from '../../../util/duration.js';
import type { StoredRecords } from '../../../evidence/store.js';
import { nameOf, roleOf, type SqlInstance } from '../../../gcp/model/sql.js';
import { judgePrimaries } from '../../sql/primary-rule.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';

const DAY = 86_400_000;

export default defineCheck({
  id: 'drill.recent-restore',
  title: 'Every primary Cloud SQL instance had a passing restore drill recently',
  collects: ['sql.instances', 'drill.records'],
  // Its failing primaries carry the instance (judgePrimaries), as every SQL check's do.
  evidence: sqlInstanceEvidence,
  permissions: ['cloudsql.instances.list'],
  remediation: {
    operational: 'a restore drill is something a team runs (gtp drill restore), not a setting',
    text: 'Run `gtp drill restore --project P --instance I --verify checks.yaml --evidence gs://BUCKET/drills` on a schedule (weekly in CI), and audit with the same --evidence.',
  },
  evaluate(data) {
    const instances = data.get('sql.instances');
    const stored = data.get('drill.records');
    const windowDays = data.settings.drillWindowDays;
    const named = data.resources.drillInstances ? new Set(data.resources.drillInstances) : undefined;
    const judged = judgePrimaries(
      instances,
      (instance) => {
        if (named && !named.has(nameOf(instance)))
          return { verdict: 'not-applicable', detail: 'not named in resources.drillInstances' };
        return judgeInstance(instance, stored, windowDays, data.now);
      },
      'not-applicable',
    );
    const missing = [...(named ?? [])].filter(
      (n) => !instances.some((i) => nameOf(i) === n && roleOf(i) === 'primary'),
    );
    const unreadable = stored.unreadable.map((u): ResourceVerdict => ({
      name: u.name,
      verdict: 'not-applicable',
      detail: `not a drill record: ${u.reason}`,
    }));
    return {
      resources: [
        ...judged,
        ...missing.map((n): ResourceVerdict => ({
          name: n,
          verdict: 'fail',
          detail: 'named in resources.drillInstances but not a primary Cloud SQL instance of this project',
        })),
        ...unreadable,
      ],
    };
  },
});

function judgeInstance(
  instance: SqlInstance & { project?: string },
  stored: StoredRecords & { location: string },
  windowDays: number,
  now: Date,
): Omit<ResourceVerdict, 'name'> {
  const name = nameOf(instance);
  const ofInstance = stored.records.filter(
    (r) => r.source.instance === name && (!instance.project || r.project === instance.project),
  );
  // A record that finished after the judgement time is no evidence of what was true then (a forged or mis-clocked
  // record, or a drill run after a snapshot that is judged as of its capture).
  const drills = ofInstance.filter((r) => Date.parse(r.finishedAt) <= now.getTime() + CLOCK_SKEW_MS);
  const ignored = ofInstance.length - drills.length;
  const future = ignored > 0 ? `; ${ignored} record(s) dated after ${now.toISOString()} not counted` : '';
  const passed = latest(drills.filter((r) => r.outcome === 'passed'));
  const last = latest(drills);
  const ageDays = (r: DrillRecord) => (now.getTime() - Date.parse(r.finishedAt)) / DAY;
  if (passed && ageDays(passed) <= windowDays) {
    const checks =
      passed.verification.length > 0
        ? `${passed.verification.length} data check(s) passed`
        : 'restore only, data not verified';
    const rto = passed.rtoSeconds !== undefined ? `RTO ${formatSeconds(passed.rtoSeconds)}, ` : '';
    return {
      verdict: 'pass',
      detail: `drill ${passed.id} passed ${Math.floor(ageDays(passed))} day(s) ago (${rto}RPO ${formatSeconds(passed.rpoSeconds)}, ${checks}); window ${windowDays} days${future}`,
    };
  }
  const lastFailure = `${last && last.outcome === 'failed' ? `; the last drill (${last.id}) failed at ${last.failure?.step ?? 'an unknown step'}: ${last.failure?.reason ?? 'no reason recorded'}` : ''}${future}`;
  if (passed)
    return {
      verdict: 'fail',
      detail: `the last passing drill (${passed.id}) was ${Math.floor(ageDays(passed))} days ago, outside the ${windowDays}-day window${lastFailure}`,
    };
  return { verdict: 'fail', detail: `no passing drill recorded in ${stored.location}${lastFailure}` };
}

/** The record that finished last, by the instant its time names: with RFC 3339 offsets, text order is not time order. */
function latest(records: readonly DrillRecord[]): DrillRecord | undefined {
  return [...records].sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt))[0];
}
