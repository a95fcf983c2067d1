import type { AuditResult } from '../audit/result.js';
import type { LoadedRegister } from '../matrix/load.js';
import type { HistoryReport } from '../history/timeline.js';
import type { Register } from '../matrix/schema.js';

/** Everything a renderer may use: the register as written, the audit, where things are in the file, the gate. */
export interface RenderContext {
  register: Register;
  result: AuditResult;
  /** The register's path as the user gave it (SARIF and annotations point into it). */
  registerFile: string;
  locate: LoadedRegister['locate'];
  /** Risks that fail the gate, with why. */
  gateFailures: ReadonlyMap<string, string[]>;
  /** Where the Terraform fixes were written (audit --terraform), for links from failing controls. */
  terraformDir?: string;
  /** The project's recorded audits (audit --record), for the HTML report's trends. */
  history?: HistoryReport;
}

export type Renderer = (ctx: RenderContext) => string;

/** Where a check is named in the register: the first control or scope item that lists it. */
export function checkLocation(ctx: RenderContext, checkId: string): { line: number; column: number; risks: string[] } {
  const risks: string[] = [];
  let at: { line: number; column: number } | undefined;
  ctx.register.risks.forEach((risk, i) => {
    for (const side of ['existing', 'proposed'] as const) {
      const j = risk[side]?.checks.indexOf(checkId) ?? -1;
      if (j >= 0) {
        risks.push(risk.id);
        at ??= ctx.locate(['risks', i, side, 'checks', j]);
      }
    }
  });
  return { ...(at ?? ctx.locate([])), risks };
}

export function riskLocation(ctx: RenderContext, riskId: string): { line: number; column: number } {
  const index = ctx.register.risks.findIndex((r) => r.id === riskId);
  return index >= 0 ? ctx.locate(['risks', index]) : ctx.locate([]);
}
