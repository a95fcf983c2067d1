import { appendFile } from 'node:fs/promises';
import type { GateVerdict } from '../audit/gate.js';
import type { OrgReport, ProjectOutcome } from '../org/result.js';
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

/** GitHub shows ten annotations of each level per step; the rest are counted in one more. */
const ANNOTATIONS_PER_LEVEL = 10;
/** The most a step summary holds ("supports content up to a size of 1024k"); a larger one is dropped whole. */
const STEP_SUMMARY_BYTES = 1024 * 1024;

/**
 * In GitHub Actions, for an organization audit: an annotation per project that fails the gate (errors) or could
 * not be fully assessed (warnings), the first ten of each and a count of the rest, and the organization's Markdown
 * in the job summary, cut at a line to fit it.
 */
export async function githubOrgAnnotations(result: OrgReport, registerFile: string, markdown: string): Promise<void> {
  const file = property(registerFile.replace(/^\.\//, ''));
  // The first of each gate in one pass over the projects (they may be read back from disk); how many there are in
  // all is the summary's count.
  const first = { failed: [] as ProjectOutcome[], unverified: [] as ProjectOutcome[] };
  for (const project of result.projects) {
    if (project.gate !== 'passed' && first[project.gate].length < ANNOTATIONS_PER_LEVEL)
      first[project.gate].push(project);
    if (first.failed.length === ANNOTATIONS_PER_LEVEL && first.unverified.length === ANNOTATIONS_PER_LEVEL) break;
  }
  for (const [gate, level, title] of [
    ['failed', 'error', 'gtp gate'],
    ['unverified', 'warning', 'gtp unverified'],
  ] as const) {
    for (const project of first[gate])
      process.stdout.write(
        `::${level} file=${file},title=${property(`${title} ${project.projectId}`)}::${message(`${project.projectId}: ${project.reasons.join('; ')}`)}\n`,
      );
    const more = result.summary[gate] - first[gate].length;
    if (more > 0)
      process.stdout.write(
        `::${level} file=${file},title=${property(title)}::${message(`and ${more} more projects: see the job summary`)}\n`,
      );
  }
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) await appendFile(summary, fitStepSummary(markdown));
}

/** The Markdown whole when it fits a step summary, else cut at the last line that fits, saying so. */
export function fitStepSummary(markdown: string, limit = STEP_SUMMARY_BYTES): string {
  const whole = `${markdown}\n`;
  if (Buffer.byteLength(whole) <= limit) return whole;
  const note = '\n\n_The report is longer than a step summary holds: the rest is in the report files._\n';
  const room = limit - Buffer.byteLength(note);
  const cut = Buffer.from(whole).subarray(0, room).toString('utf8');
  return `${cut.slice(0, cut.lastIndexOf('\n'))}${note}`;
}
