import { createHash } from 'node:crypto';
import type { AuditResult } from '../audit/result.js';
import type { OrgReport } from '../org/result.js';
import { GTP_VERSION } from '../util/version.js';
import type { AuditRecord, ProjectRecord } from './model.js';

/** What a record says beside the result: the register it was judged against, and how the gate ended. */
export interface RecordContext {
  /** The register's sha256, in hex. */
  registerDigest: string;
  gate: string;
}

/** The register's digest as a record keeps it (a plan's `sha256:HEX` is the same digest). */
export const registerDigestOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** One project's audit as a record: every risk's status and scores, every check's outcome and failing resources. */
export function projectAuditRecord(result: AuditResult, context: RecordContext): AuditRecord {
  const project = result.project ?? '';
  const failing = (c: AuditResult['checks'][number]) =>
    c.resources.filter((r) => r.verdict === 'fail').map((r) => r.name);
  return {
    // Recorded when the report was made: the audit's one clock reading.
    recordedAt: result.generatedAt,
    asOf: result.asOf?.time ?? result.generatedAt,
    scope: `projects/${project}`,
    source: result.source,
    registerDigest: context.registerDigest,
    gtpVersion: GTP_VERSION,
    gate: context.gate,
    projects: [
      {
        project,
        gate: context.gate,
        risks: result.risks.map((r) => ({
          id: r.id,
          status: r.status,
          declaredStatus: r.declaredStatus,
          drift: r.drift,
          inherentScore: r.inherentScore,
          residualScore: r.residualScore,
        })),
        checks: result.checks.map((c) => {
          const names = failing(c);
          return { id: c.id, outcome: c.outcome, failingCount: names.length, failing: names };
        }),
      },
    ],
  };
}

/**
 * An organization's audit (one process, or shards merged) as one record: each project as its report row has it.
 * That row counts a check's failing resources without naming them (each project's own report names them), and
 * carries no declared status or inherent score: those are recorded as unknown, not guessed.
 */
export function organizationAuditRecord(result: OrgReport, context: RecordContext): AuditRecord {
  const projects: ProjectRecord[] = Array.from(result.projects, (p) => ({
    project: p.projectId,
    gate: p.gate,
    risks: p.risks.map((r) => ({
      id: r.id,
      status: r.status,
      declaredStatus: null,
      drift: r.drift,
      inherentScore: null,
      residualScore: r.residualScore,
    })),
    checks: p.checks.map((c) => ({ id: c.id, outcome: c.outcome, failingCount: c.failing, failing: null })),
  }));
  return {
    recordedAt: result.generatedAt,
    asOf: result.generatedAt,
    scope: result.scope,
    source: result.source,
    registerDigest: context.registerDigest,
    gtpVersion: GTP_VERSION,
    gate: context.gate,
    projects,
  };
}
