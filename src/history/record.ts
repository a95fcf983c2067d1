import { createHash } from 'node:crypto';
import type { AuditResult } from '../audit/result.js';
import { GTP_VERSION } from '../util/version.js';
import type { Store } from './store.js';

/** What a record says beside the result: the register it was judged against, and how the gate ended. */
export interface RecordContext {
  registerText: string;
  gate: string;
  recordedAt: Date;
}

/** The scope a run is recorded under: one project's audits form one history. */
export const scopeOf = (project: string) => `projects/${project}`;

/**
 * Records one audit whole or not at all: the run, each risk's status and scores, each check's outcome with its
 * failing resources, in one transaction. Concurrent writers wait for each other (the store's busy timeout).
 */
export function recordRun(store: Store, result: AuditResult, context: RecordContext): number {
  const { db } = store;
  const project = result.project ?? '';
  db.exec('BEGIN IMMEDIATE');
  try {
    const run = db
      .prepare(
        `INSERT INTO runs (recorded_at, as_of, scope, project, source, register_digest, gtp_version, gate, result)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        context.recordedAt.toISOString(),
        result.asOf?.time ?? result.generatedAt,
        scopeOf(project),
        project,
        result.source,
        createHash('sha256').update(context.registerText).digest('hex'),
        GTP_VERSION,
        context.gate,
        JSON.stringify(result),
      );
    const runId = Number(run.lastInsertRowid);
    const risk = db.prepare(
      `INSERT INTO risk_results (run_id, risk_id, status, declared_status, drift, inherent_score, residual_score)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of result.risks)
      risk.run(runId, r.id, r.status, r.declaredStatus, r.drift ? 1 : 0, r.inherentScore, r.residualScore);
    const check = db.prepare('INSERT INTO check_results (run_id, check_id, outcome, failing) VALUES (?, ?, ?, ?)');
    for (const c of result.checks)
      check.run(
        runId,
        c.id,
        c.outcome,
        JSON.stringify(c.resources.filter((r) => r.verdict === 'fail').map((r) => r.name)),
      );
    db.exec('COMMIT');
    return runId;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
