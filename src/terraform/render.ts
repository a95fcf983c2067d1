import type { AuditResult } from '../audit/result.js';
import { hcl } from './hcl.js';
import { remediations } from './remediations.js';

/** The remediation files for an audit: `<check id>.tf` for each failing check. */
export function remediationFiles(
  result: AuditResult,
  options: { allowIrreversible?: boolean } = {},
): Map<string, string> {
  if (!result.project) throw new Error('the audit names no project');
  const files = new Map<string, string>();
  for (const r of remediations(result.checks, {
    project: result.project,
    allowIrreversible: options.allowIrreversible ?? false,
  })) {
    files.set(`${r.check}.tf`, hcl(r.blocks));
  }
  return files;
}
