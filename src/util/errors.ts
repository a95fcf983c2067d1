/** A problem located in an input file, reported as FILE:LINE:COL: message. */
export interface SourceProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatProblem(p: SourceProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Bad input or usage: the caller can fix it, and the CLI exits 2. */
export class InputError extends Error {
  readonly problems: SourceProblem[];

  constructor(message: string, problems: SourceProblem[] = []) {
    super(message);
    this.name = 'InputError';
    this.problems = problems;
  }
}
