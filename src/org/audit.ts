import { gate, type GateOptions } from '../audit/gate.js';
import { runAudit } from '../audit/run.js';
import { CHECKS_BY_ID } from '../checks/index.js';
import type { AuditResult } from '../audit/result.js';
import { createLimiter } from '../gcp/retry.js';
import type { QuotaPacer } from '../gcp/quota.js';
import type { RestSource } from '../gcp/source.js';
import type { Register } from '../matrix/schema.js';
import { monotonicMs } from '../util/clock.js';
import type { Discovery } from './discover.js';
import { registerFor } from './overrides.js';
import type { OrgResult, ProjectOutcome } from './result.js';
import { compareText } from '../util/text.js';

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
}

/**
 * Audits every discovered project with the organization's register (and the overrides that reach it), through
 * one source, one quota pacer and one set of shared reads. Each project is reduced to its outcome as soon as it
 * is judged and its collected data released, so memory follows the projects in flight, not the organization.
 */
export async function auditOrganization(options: OrgAuditOptions): Promise<OrgResult> {
  const started = monotonicMs();
  const { discovery, register } = options;
  const sharedReads = new Map<string, Promise<unknown>>();
  const limit = createLimiter(Math.max(1, options.parallel));
  let done = 0;
  const outcomes = await Promise.all(
    discovery.projects.map((place) =>
      limit(async () => {
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
        options.onProject?.(++done, discovery.projects.length, outcome);
        return outcome;
      }),
    ),
  );
  return {
    schemaVersion: 1,
    kind: 'organization',
    generatedAt: options.generatedAt.toISOString(),
    scope: discovery.scope,
    source: options.source.kind,
    collection: options.collection ?? { from: 'api', assetTypes: [], fellBack: [] },
    summary: summaryOf(outcomes),
    folders: discovery.folders,
    skipped: discovery.skipped,
    warnings: options.warnings ?? [],
    risks: register.risks.map((r) => ({ id: r.id, title: r.title })),
    checks: checkSpread(outcomes, new Map(register.probes.map((p) => [p.id, p.title]))),
    projects: outcomes,
    requests: {
      durationMs: Math.round(monotonicMs() - started),
      perApi: options.pacer?.perApi() ?? {},
      quotas: options.pacer?.report() ?? [],
      quotaFloorMs: Math.round(options.pacer?.floorMs() ?? 0),
    },
  };
}

/** How many projects passed, failed, could not be fully assessed, and drifted. */
export function summaryOf(outcomes: readonly ProjectOutcome[]): OrgResult['summary'] {
  return {
    projects: outcomes.length,
    passed: outcomes.filter((o) => o.gate === 'passed').length,
    failed: outcomes.filter((o) => o.gate === 'failed').length,
    unverified: outcomes.filter((o) => o.gate === 'unverified').length,
    withDrift: outcomes.filter((o) => o.summary.drift > 0).length,
  };
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

/** Every check with the number of projects it fails and cannot verify in, the most widely failing first. */
export function checkSpread(
  outcomes: readonly ProjectOutcome[],
  /** Titles of checks gtp does not ship (the register's own probes). */
  titles: ReadonlyMap<string, string> = new Map(),
): OrgResult['checks'] {
  const spread = new Map<string, { failingIn: number; unverifiedIn: number }>();
  for (const o of outcomes)
    for (const c of o.checks) {
      const entry = spread.get(c.id) ?? { failingIn: 0, unverifiedIn: 0 };
      if (c.outcome === 'fail') entry.failingIn++;
      if (c.outcome === 'error') entry.unverifiedIn++;
      spread.set(c.id, entry);
    }
  return [...spread]
    .map(([id, s]) => ({ id, title: CHECKS_BY_ID.get(id)?.title ?? titles.get(id) ?? id, ...s }))
    .sort((a, b) => b.failingIn - a.failingIn || b.unverifiedIn - a.unverifiedIn || compareText(a.id, b.id));
}
