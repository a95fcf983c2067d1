import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import recentRestore from '../../../src/checks/drill/recent-restore/check.js';
import type { CheckDefinition } from '../../../src/checks/types.js';
import { DEFAULT_SETTINGS } from '../../../src/matrix/schema.js';
import { drillRecord, evidenceDir } from '../../helpers/drill-records.js';
import { DENIED, withError, type CheckCase } from '../../helpers/check-table.js';
import { SQL_WORLDS as W } from '../../fixtures/check-worlds.js';
import { KEY } from '../../fixtures/keys.js';

const NOW = new Date('2026-11-26T12:00:00Z');
/** A drill of the check worlds' primary, "pg". */
const pg = (daysAgo: number, overrides: Parameters<typeof drillRecord>[1] = {}) => {
  const r = drillRecord(daysAgo, overrides, NOW);
  return { ...r, id: r.id.replace('orders-db', 'pg'), source: { instance: 'pg' } };
};
const failed = (daysAgo: number) =>
  pg(daysAgo, {
    outcome: 'failed',
    failure: {
      step: 'verify',
      reason: '1 of 2 check(s) did not pass: orders were restored (expected a value of at least 200, got 0)',
    },
  });

/** The API names each instance's project; a store may hold drills of several projects. */
const inProject = { [KEY.sql]: W.hardenedPostgres[KEY.sql].map((i) => ({ ...i, project: 'acme-prod' })) };

const withStray = () => {
  const dir = evidenceDir([pg(3)]);
  writeFileSync(join(dir, 'notes.json'), '{"not": "a drill"}');
  return dir;
};

const cases: CheckCase[] = [
  {
    name: 'a passing drill 3 days ago',
    world: W.hardenedPostgres,
    evidence: evidenceDir([pg(3)]),
    now: NOW,
    outcome: 'pass',
    verdicts: { pg: 'pass' },
    mentions: ['passed 3 day(s) ago', 'RTO 16m 40s', '1 data check(s) passed'],
  },
  {
    name: 'a restore-only drill still counts, and says so',
    world: W.hardenedPostgres,
    evidence: evidenceDir([pg(3, { verification: [] })]),
    now: NOW,
    outcome: 'pass',
    mentions: ['restore only, data not verified'],
  },
  {
    name: 'a passing drill dated in the future is no evidence',
    world: W.hardenedPostgres,
    evidence: evidenceDir([pg(-365 * 5)]),
    now: NOW,
    outcome: 'fail',
    mentions: ['no passing drill recorded in', '1 record(s) dated after 2026-11-26T12:00:00.000Z not counted'],
  },
  {
    name: 'no drill at all',
    world: W.hardenedPostgres,
    evidence: evidenceDir([]),
    now: NOW,
    outcome: 'fail',
    mentions: ['no passing drill recorded in'],
  },
  {
    name: 'the last passing drill is older than the window',
    world: W.hardenedPostgres,
    evidence: evidenceDir([pg(45)]),
    now: NOW,
    outcome: 'fail',
    mentions: ['45 days ago, outside the 30-day window'],
  },
  {
    name: 'a longer window from the register',
    world: W.hardenedPostgres,
    evidence: evidenceDir([pg(45)]),
    now: NOW,
    settings: { ...DEFAULT_SETTINGS, drillWindowDays: 60 },
    outcome: 'pass',
  },
  {
    name: 'only a failed drill: the failure is named',
    world: W.hardenedPostgres,
    evidence: evidenceDir([failed(1)]),
    now: NOW,
    outcome: 'fail',
    mentions: ['failed at verify', 'expected a value of at least 200'],
  },
  {
    name: 'a failure after a recent pass does not undo the pass',
    world: W.hardenedPostgres,
    evidence: evidenceDir([pg(5), failed(1)]),
    now: NOW,
    outcome: 'pass',
  },
  {
    // 09:00Z, outside the 30-day window, written at +14:00 so that its text sorts after the later drill's.
    name: 'the last passing drill is the one that finished last in time, not in text',
    world: W.hardenedPostgres,
    evidence: evidenceDir([
      pg(31, { finishedAt: '2026-10-27T23:00:00+14:00' }),
      pg(29, { finishedAt: '2026-10-27T13:00:00Z' }),
    ]),
    now: NOW,
    outcome: 'pass',
    mentions: ['passed 29 day(s) ago'],
  },
  {
    name: 'a drill of another project does not count',
    world: inProject,
    evidence: evidenceDir([{ ...pg(1), project: 'other-project' }]),
    now: NOW,
    outcome: 'fail',
  },
  {
    name: 'a drill of the same project does',
    world: inProject,
    evidence: evidenceDir([pg(1)]),
    now: NOW,
    outcome: 'pass',
  },
  {
    name: 'a drill of another instance does not count',
    world: W.hardenedPostgres,
    evidence: evidenceDir([{ ...pg(1), source: { instance: 'other-db' } }]),
    now: NOW,
    outcome: 'fail',
  },
  {
    name: 'a replica follows its primary: not applicable',
    world: W.primaryWithReplica,
    evidence: evidenceDir([pg(1)]),
    now: NOW,
    outcome: 'pass',
    verdicts: { pg: 'pass', 'pg-replica': 'not-applicable' },
  },
  {
    name: 'only the instances the register names',
    world: W.primaryWithReplica,
    resources: { drillInstances: ['other-db'] },
    evidence: evidenceDir([]),
    now: NOW,
    outcome: 'fail',
    verdicts: { pg: 'not-applicable', 'other-db': 'fail' },
    mentions: ['not a primary Cloud SQL instance of this project'],
  },
  {
    name: 'a file in the store that is not a drill record is named, not trusted',
    world: W.hardenedPostgres,
    evidence: withStray(),
    now: NOW,
    outcome: 'pass',
    mentions: ['notes.json', 'not a drill record'],
  },
  { name: 'no instances', world: {}, evidence: evidenceDir([]), now: NOW, outcome: 'not-applicable' },
  {
    name: 'replicas of another project only',
    world: W.replicaOnly,
    evidence: evidenceDir([]),
    now: NOW,
    outcome: 'not-applicable',
  },
  {
    name: 'instances unreadable',
    world: withError(W.hardenedPostgres, 'sql.instances', DENIED),
    evidence: evidenceDir([pg(1)]),
    now: NOW,
    outcome: 'error',
    mentions: ['x.y.list'],
  },
  {
    name: 'drill store unreadable',
    world: withError(W.hardenedPostgres, 'drill.records', DENIED),
    now: NOW,
    outcome: 'error',
    mentions: ['drill.records'],
  },
];

export default [[recentRestore, cases]] as [CheckDefinition, CheckCase[]][];
