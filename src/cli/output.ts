import { Chalk, chalkStderr } from 'chalk';
import { writeFileAtomic } from '../util/atomic-write.js';
import { InputError, problemLocation } from '../util/errors.js';
import { visible } from '../util/text.js';

/** Writes the report to --output (atomically) or to stdout. */
export async function emit(content: string, output: string | undefined): Promise<void> {
  if (output) await writeFileAtomic(output, content);
  else await writeStdout(content);
}

function writeStdout(content: string): Promise<void> {
  // EPIPE: the reader went away (`gtp audit | head -1`); what it did not read is not gtp's failure.
  return new Promise((resolve, reject) =>
    process.stdout.write(content, (error) =>
      error && (error as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(error) : resolve(),
    ),
  );
}

/** Colour for stderr when it is a terminal; NO_COLOR (no-color.org) turns it off, which chalk alone does not. */
const paint = new Chalk({ level: process.env.NO_COLOR ? 0 : chalkStderr.level });

/** FILE:LINE:COL: message, which editors and CI annotate; colour only when stderr is a terminal (and NO_COLOR unset). */
export function printInputError(error: InputError): void {
  if (error.problems.length === 0) process.stderr.write(`${paint.red('gtp:')} ${visible(error.message)}\n`);
  for (const p of error.problems)
    process.stderr.write(`${paint.bold(visible(problemLocation(p)))} ${paint.red(visible(p.message))}\n`);
}

/** Why the gate failed or could not verify, one line each. */
export function printGateReasons(reasons: readonly string[], failed: boolean): void {
  const colour = failed ? paint.red : paint.yellow;
  for (const reason of reasons) process.stderr.write(`${colour('gtp:')} ${visible(reason)}\n`);
}

/** Progress goes to stderr and only when a person is watching; stdout carries the report alone. */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(paint.dim(`gtp: ${visible(message)}\n`));
}

/** A note on stderr about something outside gtp (a file, a record, an API's answer): one line, nothing that acts. */
export function warn(message: string): void {
  process.stderr.write(`gtp: ${visible(message)}\n`);
}
