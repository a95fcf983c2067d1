import { writeFileAtomic } from '../util/atomic-write.js';
import { formatProblem, InputError } from '../util/errors.js';

/** Writes the report to --output (atomically) or to stdout. */
export async function emit(content: string, output: string | undefined): Promise<void> {
  if (output) await writeFileAtomic(output, content);
  else await writeStdout(content);
}

function writeStdout(content: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(content, (error) => (error ? reject(error) : resolve())));
}

export function printInputError(error: InputError): void {
  if (error.problems.length === 0) process.stderr.write(`gtp: ${error.message}\n`);
  for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
}

/** Progress goes to stderr and only when a person is watching; stdout carries the report alone. */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`gtp: ${message}\n`);
}
