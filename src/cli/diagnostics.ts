import { Chalk, chalkStderr } from 'chalk';
import { problemLocation, type InputError } from '../util/errors.js';
import { visible } from '../util/text.js';
import { clearStatus, showStatus } from './status-line.js';

// What a person reads on stderr, in colour when stderr is a terminal: kept apart from output.ts, so that a command
// that only writes its result (report, validate) loads no colour library.

/** Colour for stderr when it is a terminal; NO_COLOR (no-color.org) turns it off, which chalk alone does not. */
const paint = new Chalk({ level: process.env.NO_COLOR ? 0 : chalkStderr.level });

/** FILE:LINE:COL: message, which editors and CI annotate; colour only when stderr is a terminal (and NO_COLOR unset). */
export function printInputError(error: InputError): void {
  clearStatus();
  if (error.problems.length === 0) process.stderr.write(`${paint.red('gtp:')} ${visible(error.message)}\n`);
  for (const p of error.problems)
    process.stderr.write(`${paint.bold(visible(problemLocation(p)))} ${paint.red(visible(p.message))}\n`);
}

/** Why the gate failed or could not verify, one line each. */
export function printGateReasons(reasons: readonly string[], failed: boolean): void {
  clearStatus();
  const colour = failed ? paint.red : paint.yellow;
  for (const reason of reasons) process.stderr.write(`${colour('gtp:')} ${visible(reason)}\n`);
}

/** Progress goes to stderr and only when a person is watching, as one line it replaces; stdout carries the report. */
export function progress(message: string): void {
  if (process.stderr.isTTY) showStatus(paint.dim(`gtp: ${visible(message)}`));
}
