import { describe, expect, it } from 'vitest';
import { historyOf, percentile, type RiskRow } from '../../src/history/timeline.js';

const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
const runs = [1, 2, 3, 4, 5, 6].map((d) => ({ id: d, asOf: day(d), project: 'acme-prod' }));
const risk = (runId: number, status: string, drift = false, residualScore = 4): RiskRow => ({
  runId,
  riskId: 'bad-deployment',
  status,
  drift,
  residualScore,
});

describe('the register over time', () => {
  it('a timeline of changes, drift episodes with start, end and days, and time to mitigate', () => {
    const report = historyOf(
      runs,
      [
        risk(1, 'mitigated'),
        risk(2, 'unmitigated', true, 6),
        risk(3, 'unmitigated', true, 6),
        risk(4, 'mitigated'),
        risk(5, 'unverified'),
        risk(6, 'unverified'),
      ],
      [
        { runId: 1, checkId: 'deploy.canary', outcome: 'pass', failing: [] },
        { runId: 2, checkId: 'deploy.canary', outcome: 'fail', failing: ['web'] },
        { runId: 3, checkId: 'deploy.canary', outcome: 'fail', failing: ['web'] },
        { runId: 4, checkId: 'deploy.canary', outcome: 'pass', failing: [] },
      ],
    );
    const history = report.risks[0]!;
    expect(history.timeline.map((t) => t.status)).toEqual(['mitigated', 'unmitigated', 'mitigated', 'unverified']);
    expect(history.drift).toEqual([{ start: day(2), end: day(4), days: 2 }]);
    // Unmitigated from day 2 until found mitigated on day 4; the open unverified stretch has not been mitigated yet.
    expect(history.mitigated).toEqual([{ start: day(2), end: day(4), days: 2 }]);
    expect(report.timeToMitigate).toEqual([
      { risk: 'bad-deployment', project: 'acme-prod', episodes: 1, medianDays: 2, p90Days: 2 },
    ]);
    expect(report.checks[0]).toMatchObject({ firstFailed: day(2), lastFixed: day(4), daysFailing: 2 });
  });

  it('an episode still open ends at the last run for its days, with no end', () => {
    const report = historyOf(
      runs.slice(0, 3),
      [risk(1, 'mitigated'), risk(2, 'mitigated', true), risk(3, 'mitigated', true)],
      [],
    );
    expect(report.risks[0]!.drift).toEqual([{ start: day(2), end: null, days: 1 }]);
  });

  it('an organization: residual risk summed over the projects judged at each instant, time to mitigate per project', () => {
    const org = [1, 2, 3].flatMap((d) => [
      { id: d * 10 + 1, asOf: day(d), project: 'team-a' },
      { id: d * 10 + 2, asOf: day(d), project: 'team-b' },
    ]);
    const at = (id: number, status: string, residualScore: number): RiskRow => ({
      runId: id,
      riskId: 'bad-deployment',
      status,
      drift: false,
      residualScore,
    });
    const report = historyOf(
      org,
      [
        at(11, 'unmitigated', 6),
        at(12, 'mitigated', 2),
        at(21, 'unmitigated', 6),
        at(22, 'unmitigated', 6),
        at(31, 'mitigated', 2),
        at(32, 'mitigated', 2),
      ],
      [],
    );
    expect(report.residual).toEqual([
      { at: day(1), projects: 2, total: 8 },
      { at: day(2), projects: 2, total: 12 },
      { at: day(3), projects: 2, total: 4 },
    ]);
    expect(report.timeToMitigate).toEqual([
      { risk: 'bad-deployment', project: null, episodes: 2, medianDays: 1, p90Days: 2 },
    ]);
    expect(report.timeToMitigateByProject).toEqual([
      { project: 'team-a', episodes: 1, medianDays: 2, p90Days: 2 },
      { project: 'team-b', episodes: 1, medianDays: 1, p90Days: 1 },
    ]);
  });

  it('percentiles by nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });
});
