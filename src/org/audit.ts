import { gate, type GateOptions } from '../audit/gate.js';
import { runAudit } from '../audit/run.js';
import { CHECKS_BY_ID } from '../checks/index.js';
import type { AuditResult } from '../audit/result.js';
import type { QuotaPacer } from '../gcp/quota.js';
import type { RestSource } from '../gcp/source.js';
import type { Register } from '../matrix/schema.js';
import { monotonicMs } from '../util/clock.js';
import type { Discovery } from './discover.js';
import { registerFor } from './overrides.js';
import { SpooledOutcomes } from './outcomes.js';
import type { OrgReport, OrgResult, ProjectOutcome } from './result.js';
import { MemorySpool, type Spool } from '../util/spool.js';
import { compareText } from '../util/text.js';
import { eachConcurrently } from '../util/each-concurrently.js';

export interface OrgAuditOptions {
  register: Register;
  discovery: Discovery;
  source: RestSource;
  pacer?: QuotaPacer;
  /** The instant every project is judged at: one for the whole organization. */
  now: Date;
  generatedAt: Date;
  repoDir: string;
  evidence?: string;
  /** Where resources come from, for the report (Cloud Asset Inventory's read time and types). */
  collection?: OrgResult['collection'];
  /** Projects audited at once. */
  parallel: number;
  /** What could not be applied as written (overrides that reach nothing), for the report. */
  warnings?: string[];
  gate: GateOptions;
  /**
   * Each project's whole audit, before it is reduced and released (the per-project SARIF and JUnit files): awaited
   * in the project's turn, so results do not pile up faster than they are written.
   */
  onResult?: (result: AuditResult, register: Register) => Promise<void>;
  /** After each project: how many are done, of how many. */
  onProject?: (done: number, total: number, outcome: ProjectOutcome) => void;
  /** Where each project's outcome waits for the report (default: in memory). */
  spool?: Spool;
}

/**
 * Audits every discovered project with the organization's register (and the overrides that reach it), through
 * one source, one quota pacer and one set of shared reads. Each project is reduced to its outcome as soon as it
 * is judged and its collected data released, so memory follows the projects in flight, not the organization.
 */
export async function auditOrganization(options: OrgAuditOptions): Promise<OrgReport> {
  const started = monotonicMs();
  const { discovery, register } = options;
  const sharedReads = new Map<string, Promise<unknown>>();
  let done = 0;
  const outcomes = new SpooledOutcomes(options.spool ?? new MemorySpool(), discovery.projects.length);
  const tally = new OutcomeTally();
  await eachConcurrently(discovery.projects, options.parallel, async (place, index) => {
    const projectRegister = registerFor(register, place);
    const { result } = await runAudit({
      register: projectRegister,
      source: options.source,
      project: place.projectId,
      repoDir: options.repoDir,
      ...(options.evidence ? { evidence: options.evidence } : {}),
      now: options.now,
      generatedAt: options.generatedAt,
      sharedReads,
      ...(options.pacer ? { pacer: options.pacer } : {}),
    });
    options.source.forget?.(place.projectId);
    await options.onResult?.(result, projectRegister);
    const outcome = outcomeOf(result, place.path, options.gate);
    outcomes.set(index, outcome);
    tally.add(outcome);
    options.onProject?.(++done, discovery.projects.length, outcome);
  });
  return {
    schemaVersion: 1,
    kind: 'organization',
    generatedAt: options.generatedAt.toISOString(),
    scope: discovery.scope,
    source: options.source.kind,
    collection: options.collection ?? { from: 'api', assetTypes: [], fellBack: [] },
    summary: tally.summary(),
    folders: discovery.folders,
    skipped: discovery.skipped,
    warnings: options.warnings ?? [],
    risks: register.risks.map((r) => ({ id: r.id, title: r.title })),
    checks: tally.checks(new Map(register.probes.map((p) => [p.id, p.title]))),
    projects: outcomes,
    requests: {
      durationMs: Math.round(monotonicMs() - started),
      perApi: options.pacer?.perApi() ?? {},
      quotas: options.pacer?.report() ?? [],
      quotaFloorMs: Math.round(options.pacer?.floorMs() ?? 0),
    },
  };
}

/**
 * The organization's counts, kept as each project is judged: how many projects passed, failed, could not be fully
 * assessed and drifted, and in how many each check fails or cannot be verified.
 */
export class OutcomeTally {
  private readonly counts: OrgResult['summary'] = { projects: 0, passed: 0, failed: 0, unverified: 0, withDrift: 0 };
  private readonly spread = new Map<string, { failingIn: number; unverifiedIn: number }>();

  add(outcome: ProjectOutcome): void {
    this.counts.projects++;
    this.counts[outcome.gate]++;
    if (outcome.summary.drift > 0) this.counts.withDrift++;
    for (const c of outcome.checks) {
      let entry = this.spread.get(c.id);
      if (!entry) this.spread.set(c.id, (entry = { failingIn: 0, unverifiedIn: 0 }));
      if (c.outcome === 'fail') entry.failingIn++;
      if (c.outcome === 'error') entry.unverifiedIn++;
    }
  }

  /** Another tally's projects counted in this one (a merge's shard, once it is found sound). */
  absorb(other: OutcomeTally): void {
    for (const key of Object.keys(this.counts) as (keyof OrgResult['summary'])[]) this.counts[key] += other.counts[key];
    for (const [id, s] of other.spread) {
      const entry = this.spread.get(id);
      if (entry) {
        entry.failingIn += s.failingIn;
        entry.unverifiedIn += s.unverifiedIn;
      } else this.spread.set(id, { ...s });
    }
  }

  summary(): OrgResult['summary'] {
    return { ...this.counts };
  }

  /** Every check with the number of projects it fails and cannot verify in, the most widely failing first. */
  checks(
    /** Titles of checks gtp does not ship (the register's own probes). */
    titles: ReadonlyMap<string, string> = new Map(),
  ): OrgResult['checks'] {
    return [...this.spread]
      .map(([id, s]) => ({ id, title: CHECKS_BY_ID.get(id)?.title ?? titles.get(id) ?? id, ...s }))
      .sort((a, b) => b.failingIn - a.failingIn || b.unverifiedIn - a.unverifiedIn || compareText(a.id, b.id));
  }
}

/** The organization's gate: failed when any project failed, else unverified when any could not be assessed. */
export function organizationGate(summary: OrgResult['summary']): 'passed' | 'failed' | 'unverified' {
  return summary.failed > 0 ? 'failed' : summary.unverified > 0 ? 'unverified' : 'passed';
}

/** One project's audit, reduced to what the organization report shows. */
export function outcomeOf(result: AuditResult, path: readonly string[], gateOptions: GateOptions): ProjectOutcome {
  const verdict = gate(result, gateOptions);
  return {
    projectId: result.project ?? '',
    path: [...path],
    gate: verdict.outcome,
    reasons: verdict.reasons.map((r) => r.message),
    summary: result.summary,
    risks: result.risks.map((r) => ({
      id: r.id,
      status: r.status,
      drift: r.drift,
      residualScore: r.residualScore,
    })),
    checks: result.checks.map((c) => ({
      id: c.id,
      outcome: c.outcome,
      failing: c.resources.filter((r) => r.verdict === 'fail').length,
      ...(c.error !== undefined ? { error: c.error } : {}),
    })),
  };
}
