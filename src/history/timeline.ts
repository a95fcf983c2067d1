import { compareText } from '../util/text.js';

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
  /** Null where the record counted the failing resources without naming them (an organization report). */
  failing: string[] | null;
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
  /**
   * Residual risk over time: at each instant audits were judged, the sum of the residual scores of the risks read,
   * over the projects judged then.
   */
  residual: { at: string; projects: number; total: number }[];
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
  /** The same over every risk of each project: which teams take longest (an organization's history). */
  timeToMitigateByProject: {
    project: string;
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

/** Where a run sits: its time, its project, and its place in time order. */
interface Placed {
  asOf: string;
  project: string;
  order: number;
}

/** Rows grouped by project, then by risk or check id, each group's points in time order. */
function grouped<T>(
  rows: readonly T[],
  runOf: (row: T) => number,
  idOf: (row: T) => string,
  position: ReadonlyMap<number, Placed>,
): Map<string, Map<string, { at: string; order: number; value: T }[]>> {
  const out = new Map<string, Map<string, { at: string; order: number; value: T }[]>>();
  for (const row of rows) {
    const run = position.get(runOf(row));
    if (!run) continue;
    let byId = out.get(run.project);
    if (!byId) out.set(run.project, (byId = new Map()));
    const id = idOf(row);
    let points = byId.get(id);
    if (!points) byId.set(id, (points = []));
    points.push({ at: run.asOf, order: run.order, value: row });
  }
  for (const byId of out.values())
    for (const points of byId.values()) {
      // Rows usually come in time order already: sorted only when they do not.
      if (points.some((p, i) => i > 0 && p.order < points[i - 1]!.order)) points.sort((a, b) => a.order - b.order);
    }
  return out;
}

const byKey = <T>(map: ReadonlyMap<string, T>) => [...map].sort(([a], [b]) => compareText(a, b));

/**
 * Every risk's and check's history, per project, from the runs in time order. Rows are grouped in one pass, so a
 * year of daily audits of a thousand projects is read in time proportional to its rows.
 */
export function historyOf(
  runs: readonly RunRow[],
  risks: readonly RiskRow[],
  checks: readonly CheckRow[],
): HistoryReport {
  // Time order by instant, then by run: the instants are few (one per audit), so they are ranked once each.
  const instants = [...new Set(runs.map((r) => r.asOf))].sort();
  const rank = new Map(instants.map((at, i) => [at, i]));
  const ordered = [...runs].sort((a, b) => rank.get(a.asOf)! - rank.get(b.asOf)! || a.id - b.id);
  const position = new Map<number, Placed>();
  ordered.forEach((r, order) => position.set(r.id, { asOf: r.asOf, project: r.project, order }));
  const projects = [...new Set(ordered.map((r) => r.project))].sort();
  const riskHistories: RiskHistory[] = [];
  const checkHistories: CheckHistory[] = [];
  const risksBy = grouped(
    risks,
    (r) => r.runId,
    (r) => r.riskId,
    position,
  );
  const checksBy = grouped(
    checks,
    (c) => c.runId,
    (c) => c.checkId,
    position,
  );
  for (const project of projects) {
    for (const [risk, points] of byKey(risksBy.get(project) ?? new Map<string, never[]>())) {
      const timeline = points
        .filter(
          (p, i) =>
            i === 0 ||
            p.value.status !== points[i - 1]!.value.status ||
            p.value.residualScore !== points[i - 1]!.value.residualScore ||
            p.value.drift !== points[i - 1]!.value.drift,
        )
        .map((p) => ({ at: p.at, status: p.value.status, residualScore: p.value.residualScore, drift: p.value.drift }));
      const statusAt = new Map(points.map((p) => [p.at, p.value.status]));
      const mitigated = episodes(points, (r) => NOT_MITIGATED.has(r.status)).filter(
        (e) => e.end !== null && statusAt.get(e.end) === 'mitigated',
      );
      riskHistories.push({ project, risk, timeline, drift: episodes(points, (r) => r.drift), mitigated });
    }
    for (const [check, points] of byKey(checksBy.get(project) ?? new Map<string, never[]>())) {
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
  const durationsOf = new Map<string, number[]>();
  const durationsIn = new Map<string, number[]>(projects.map((p) => [p, []]));
  for (const r of riskHistories) {
    const list = durationsOf.get(r.risk) ?? durationsOf.set(r.risk, []).get(r.risk)!;
    for (const e of r.mitigated) {
      list.push(e.days);
      durationsIn.get(r.project)!.push(e.days);
    }
  }
  const timeToMitigateByProject = byKey(durationsIn).map(([project, durations]) => ({
    project,
    episodes: durations.length,
    medianDays: percentile(durations, 50),
    p90Days: percentile(durations, 90),
  }));
  const timeToMitigate = byKey(durationsOf).map(([risk, durations]) => {
    return {
      risk,
      project: projects.length === 1 ? projects[0]! : null,
      episodes: durations.length,
      medianDays: percentile(durations, 50),
      p90Days: percentile(durations, 90),
    };
  });
  const totals = new Map<string, { projects: Set<string>; total: number }>(
    instants.map((at) => [at, { projects: new Set<string>(), total: 0 }]),
  );
  for (const run of ordered) totals.get(run.asOf)!.projects.add(run.project);
  for (const row of risks) {
    const run = position.get(row.runId);
    if (run) totals.get(run.asOf)!.total += row.residualScore;
  }
  const residual = instants.map((at) => ({
    at,
    projects: totals.get(at)!.projects.size,
    total: Math.round(totals.get(at)!.total * 100) / 100,
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
    timeToMitigateByProject,
  };
}
