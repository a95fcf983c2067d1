/** A problem located in an input file, reported as FILE:LINE:COL: message. */
export interface SourceProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** FILE:LINE:COL, the prefix editors and CI annotate. */
export function problemLocation(p: SourceProblem): string {
  return `${p.file}:${p.line}:${p.column}:`;
}

export function formatProblem(p: SourceProblem): string {
  return `${problemLocation(p)} ${p.message}`;
}

/** Bad input or usage: the caller can fix it, and the CLI exits 2. */
/** An output path gtp cannot write: read-only, a directory, a full disk. Nothing was half-written. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

export class InputError extends Error {
  readonly problems: SourceProblem[];

  constructor(message: string, problems: SourceProblem[] = []) {
    super(message);
    this.name = 'InputError';
    this.problems = problems;
  }
}
