import { Chalk } from 'chalk';
import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { GateVerdict } from '../audit/gate.js';
import type { AuditResult } from '../audit/result.js';
import { visible } from '../util/text.js';
import type { RenderContext } from './context.js';

export interface TerminalOptions {
  /** The terminal's width; narrower than 60 is drawn at 60. */
  columns: number;
  /** ANSI colour, off under NO_COLOR, TERM=dumb or when writing to a file. */
  color: boolean;
  /** The command line that produced this audit, quoted, without its --format: the next steps repeat it. */
  rerun: string;
}

const MIN_WIDTH = 60;
const STATUS_MARK: Record<string, string> = {
  mitigated: '✔',
  attested: '✔',
  unmitigated: '✖',
  unverified: '?',
  declared: '·',
};

/**
 * The audit on one screen, for a person at a terminal: the verdict and what it means for the exit code, the risks
 * as declared and as verified (drift marked), the failing and unverified controls with what to do about each, and
 * the commands to run next. The long formats (Markdown, HTML, JSON) stay for files and pipes.
 */
export function renderTerminal(ctx: RenderContext, verdict: GateVerdict, options: TerminalOptions): string {
  const width = Math.max(MIN_WIDTH, options.columns);
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const { result } = ctx;
  const text = (value: string) => visible(value);
  const out: string[] = [];

  const project = result.project ?? 'project';
  const where = [
    result.projectFrom ? `${project} (from ${result.projectFrom})` : project,
    result.source,
    result.generatedAt.slice(0, 16).replace('T', ' '),
  ];
  out.push(paint.bold(fit(`gtp audit · ${where.map(text).join(' · ')}`, width)));
  const cause = result.cause;
  if (cause) {
    // One cause behind the unread controls: it and its fix come first, before any table.
    if (verdict.outcome === 'unverified')
      out.push(paint.yellow.bold(fit(`? Unverified (exit 3): ${text(cause.said)}`, width)));
    else {
      out.push(verdictLine(verdict, result, paint, width));
      out.push(paint.yellow(fit(`? ${cause.controls.length} unverified: ${text(cause.said)}`, width)));
    }
    out.push(`  fix: ${paint.cyan(text(cause.fix))}`);
  } else out.push(verdictLine(verdict, result, paint, width));
  out.push('');

  // The risks, in the register's order.
  const fixed = { declared: 13, verified: 15, score: 10 };
  // As wide as the longest title needs, and no wider: on a wide terminal the columns stay together.
  const longestTitle = Math.max(...result.risks.map((r) => stringWidth(text(r.title))), 4);
  const riskWidth = Math.min(width - fixed.declared - fixed.verified - fixed.score, longestTitle + 2);
  const risks = new Table({
    head: ['risk', 'declared', 'verified', 'score'].map((h) => paint.dim(h)),
    colWidths: [riskWidth, fixed.declared, fixed.verified, fixed.score],
    chars: PLAIN,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2, compact: true },
    wordWrap: false,
    truncate: '…',
  });
  for (const risk of result.risks) {
    const colour =
      risk.status === 'unmitigated' ? paint.red : risk.status === 'unverified' ? paint.yellow : (s: string) => s;
    risks.push([
      text(risk.title),
      risk.declaredStatus,
      risk.drift ? paint.red.bold(`⚠ ${risk.status}`) : colour(`${STATUS_MARK[risk.status]} ${risk.status}`),
      `${risk.inherentScore} → ${risk.residualScore}`,
    ]);
  }
  out.push(risks.toString());
  const s = result.summary;
  out.push(
    paint.dim(
      fit(
        `${s.mitigated} mitigated · ${s.unmitigated} unmitigated · ${s.unverified} unverified · ${s.drift} drifted${s.drift > 0 ? ' (⚠ declared mitigated, probes say otherwise)' : ''}`,
        width,
      ),
    ),
  );

  // The controls that fail or could not be read, one line each: how many resources, and what to do.
  // The controls behind a drifted risk first: they are why the gate failed.
  const drifted = new Set(
    result.risks.filter((r) => r.drift).flatMap((r) => r.existing?.controls.map((c) => c.check) ?? []),
  );
  const failing = result.checks
    .filter((c) => c.outcome === 'fail')
    .sort((a, b) => Number(drifted.has(b.id)) - Number(drifted.has(a.id)));
  const unverified = result.checks.filter((c) => c.outcome === 'error');
  if (failing.length + unverified.length > 0) {
    out.push('', paint.bold(`Controls to act on: ${failing.length} failing, ${unverified.length} unverified`));
    const idWidth = Math.min(34, Math.max(...[...failing, ...unverified].map((c) => stringWidth(c.id))) + 2);
    const row = (mark: string, id: string, what: string, todo: string) => {
      const head = `${id.padEnd(idWidth)}${what.padEnd(12)}`;
      return `${mark} ${head}${paint.dim(fit(todo, width - 2 - stringWidth(head)))}`;
    };
    for (const check of failing) {
      const count = check.resources.filter((r) => r.verdict === 'fail').length;
      out.push(
        row(
          drifted.has(check.id) ? paint.red.bold('⚠') : paint.red('✖'),
          text(check.id),
          `${count} resource${count === 1 ? '' : 's'}`,
          firstSentence(text(check.remediation.text)),
        ),
      );
    }
    for (const check of unverified)
      out.push(
        row(
          paint.yellow('?'),
          text(check.id),
          'unverified',
          result.cause?.controls.includes(check.id) ? 'see above' : text(check.error ?? 'no answer'),
        ),
      );
  }

  // What to run next: each command whole, so that it can be copied, under what it is for.
  out.push('', paint.bold('Next'));
  const next: [string, string[]][] = [
    ['The full report, with evidence:', [`${options.rerun} --format html -o audit.html`]],
  ];
  if (failing.some((c) => c.remediation.terraform))
    next.push([
      'Terraform for each failing control:',
      [`${options.rerun} --format json -o audit.json`, 'gtp terraform fix --from audit.json -o fixes/'],
    ]);
  if (result.cause) next.unshift(['First, the cause above:', [result.cause.fix]]);
  else if (unverified.length > 0) next.push(['Why a control could not be verified, and the fix:', ['gtp doctor']]);
  for (const [why, commands] of next) {
    out.push(`  ${paint.dim(why)}`);
    for (const command of commands) out.push(`    ${paint.cyan(command)}`);
  }
  return `${out.join('\n')}\n`;
}

function verdictLine(
  verdict: GateVerdict,
  result: AuditResult,
  paint: InstanceType<typeof Chalk>,
  width: number,
): string {
  if (verdict.outcome === 'failed')
    return paint.red.bold(
      fit(
        `✖ Gate failed (exit 1): ${verdict.reasons.length} reason${verdict.reasons.length === 1 ? '' : 's'}, ${result.summary.drift} risk${result.summary.drift === 1 ? '' : 's'} drifted`,
        width,
      ),
    );
  if (verdict.outcome === 'unverified')
    return paint.yellow.bold(
      fit(
        `? Unverified (exit 3): ${verdict.reasons.length} control${verdict.reasons.length === 1 ? '' : 's'} could not be read; nothing failed`,
        width,
      ),
    );
  return paint.green.bold(fit('✔ Gate passed (exit 0): the register matches what the probes found', width));
}

/** The first sentence of a remediation, as its one line. */
function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end > 0 ? text.slice(0, end + 1) : text;
}

/** Plain text cut to `room` columns (wide characters counted as two), ending in … when cut. */
function fit(text: string, room: number): string {
  if (stringWidth(text) <= room) return text;
  let kept = '';
  for (const ch of text) {
    if (stringWidth(kept + ch) > room - 1) break;
    kept += ch;
  }
  return `${kept}…`;
}

/** No borders: columns aligned by padding, which reads well in any terminal and copies cleanly. */
const PLAIN = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: ' ',
};
