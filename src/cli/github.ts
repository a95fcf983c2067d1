import { appendFile } from 'node:fs/promises';
import type { GateVerdict } from '../audit/gate.js';
import { checkLocation, riskLocation, type RenderContext } from '../report/context.js';

/** GitHub's workflow-command escaping for a message and for a property value. */
const message = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string) => message(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * In GitHub Actions: an annotation on the register's line for everything the gate fails on (errors) or could
 * not verify (warnings), and the Markdown report in the job summary.
 */
export async function githubAnnotations(ctx: RenderContext, verdict: GateVerdict, markdown: string): Promise<void> {
  const file = property(ctx.registerFile.replace(/^\.\//, ''));
  for (const reason of verdict.reasons) {
    const at = reason.risk
      ? riskLocation(ctx, reason.risk)
      : reason.check
        ? checkLocation(ctx, reason.check)
        : { line: 1 };
    const level = verdict.outcome === 'failed' ? 'error' : 'warning';
    process.stdout.write(
      `::${level} file=${file},line=${at.line},title=${property(`gtp ${level === 'error' ? 'gate' : 'unverified'}`)}::${message(reason.message)}\n`,
    );
  }
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) await appendFile(summary, `${markdown}\n`);
}
