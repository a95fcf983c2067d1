/** One recorded run of one project, as history reads it. */
export interface RunRow {
  id: number;
  asOf: string;
  project: string;
}
export interface RiskRow {
  runId: number;
  riskId: string;
  status: string;
  drift: boolean;
  residualScore: number;
}
export interface CheckRow {
  runId: number;
  checkId: string;
  outcome: string;
  failing: string[];
}

/** A stretch of consecutive runs in which something held: from the first such run to the first run it did not. */
export interface Episode {
  start: string;
  /** The first run after it that no longer holds it; null while it still holds. */
  end: string | null;
  days: number;
}

export interface RiskHistory {
  project: string;
  risk: string;
  /** The first run and every run whose status, residual score or drift changed. */
  timeline: { at: string; status: string; residualScore: number; drift: boolean }[];
  drift: Episode[];
  /** Stretches not mitigated (unmitigated or unverified) that ended mitigated: how long mitigation took. */
  mitigated: Episode[];
}

export interface CheckHistory {
  project: string;
  check: string;
  failing: Episode[];
  firstFailed: string | null;
  lastFixed: string | null;
  daysFailing: number;
}

export interface HistoryReport {
  runs: number;
  /** Each run in time order, with the sum of its risks' residual scores: residual risk over time. */
  residual: { at: string; project: string; total: number }[];
  from: string | null;
  to: string | null;
  projects: string[];
  risks: RiskHistory[];
  checks: CheckHistory[];
  /** Days from a risk's first run not mitigated to the run that found it mitigated again. */
  timeToMitigate: {
    risk: string;
    project: string | null;
    episodes: number;
    medianDays: number | null;
    p90Days: number | null;
  }[];
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => Math.round(((Date.parse(to) - Date.parse(from)) / DAY_MS) * 10) / 10;

/** The episodes in which `holds` is true along runs in time order; one still open ends at the last run, for its days. */
function episodes<T>(points: readonly { at: string; value: T }[], holds: (value: T) => boolean): Episode[] {
  const out: Episode[] = [];
  let start: string | undefined;
  for (const point of points) {
    if (holds(point.value)) start ??= point.at;
    else if (start !== undefined) {
      out.push({ start, end: point.at, days: days(start, point.at) });
      start = undefined;
    }
  }
  if (start !== undefined) out.push({ start, end: null, days: days(start, points.at(-1)!.at) });
  return out;
}

/** The p-th percentile (nearest rank) of durations, or null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const NOT_MITIGATED = new Set(['unmitigated', 'unverified']);

/** Every risk's and check's history, per project, from the runs in time order. */
export function historyOf(
  runs: readonly RunRow[],
  risks: readonly RiskRow[],
  checks: readonly CheckRow[],
): HistoryReport {
  const ordered = [...runs].sort((a, b) => a.asOf.localeCompare(b.asOf) || a.id - b.id);
  const position = new Map(ordered.map((r) => [r.id, r]));
  const projects = [...new Set(ordered.map((r) => r.project))].sort();
  const riskHistories: RiskHistory[] = [];
  const checkHistories: CheckHistory[] = [];
  for (const project of projects) {
    const inProject = (runId: number) => position.get(runId)?.project === project;
    const byRisk = new Map<string, { at: string; value: RiskRow }[]>();
    for (const row of risks.filter((r) => inProject(r.runId)))
      (byRisk.get(row.riskId) ?? byRisk.set(row.riskId, []).get(row.riskId)!).push({
        at: position.get(row.runId)!.asOf,
        value: row,
      });
    for (const [risk, points] of [...byRisk].sort(([a], [b]) => a.localeCompare(b))) {
      points.sort((a, b) => a.at.localeCompare(b.at));
      const timeline = points
        .filter(
          (p, i) =>
            i === 0 ||
            p.value.status !== points[i - 1]!.value.status ||
            p.value.residualScore !== points[i - 1]!.value.residualScore ||
            p.value.drift !== points[i - 1]!.value.drift,
        )
        .map((p) => ({ at: p.at, status: p.value.status, residualScore: p.value.residualScore, drift: p.value.drift }));
      const mitigated = episodes(points, (r) => NOT_MITIGATED.has(r.status)).filter(
        (e) => e.end !== null && points.find((p) => p.at === e.end)?.value.status === 'mitigated',
      );
      riskHistories.push({ project, risk, timeline, drift: episodes(points, (r) => r.drift), mitigated });
    }
    const byCheck = new Map<string, { at: string; value: CheckRow }[]>();
    for (const row of checks.filter((c) => inProject(c.runId)))
      (byCheck.get(row.checkId) ?? byCheck.set(row.checkId, []).get(row.checkId)!).push({
        at: position.get(row.runId)!.asOf,
        value: row,
      });
    for (const [check, points] of [...byCheck].sort(([a], [b]) => a.localeCompare(b))) {
      points.sort((a, b) => a.at.localeCompare(b.at));
      const failing = episodes(points, (c) => c.outcome === 'fail');
      checkHistories.push({
        project,
        check,
        failing,
        firstFailed: failing[0]?.start ?? null,
        lastFixed: failing.filter((e) => e.end !== null).at(-1)?.end ?? null,
        daysFailing: Math.round(failing.reduce((sum, e) => sum + e.days, 0) * 10) / 10,
      });
    }
  }
  const timeToMitigate = [...new Set(riskHistories.map((r) => r.risk))].sort().map((risk) => {
    const durations = riskHistories.filter((r) => r.risk === risk).flatMap((r) => r.mitigated.map((e) => e.days));
    return {
      risk,
      project: projects.length === 1 ? projects[0]! : null,
      episodes: durations.length,
      medianDays: percentile(durations, 50),
      p90Days: percentile(durations, 90),
    };
  });
  const totals = new Map<number, number>();
  for (const row of risks) totals.set(row.runId, (totals.get(row.runId) ?? 0) + row.residualScore);
  const residual = ordered.map((r) => ({
    at: r.asOf,
    project: r.project,
    total: Math.round((totals.get(r.id) ?? 0) * 100) / 100,
  }));
  return {
    runs: ordered.length,
    residual,
    from: ordered[0]?.asOf ?? null,
    to: ordered.at(-1)?.asOf ?? null,
    projects,
    risks: riskHistories,
    checks: checkHistories,
    timeToMitigate,
  };
}
