import { readFile } from 'node:fs/promises';
import { auditResultSchema, type AuditResult } from '../audit/result.js';
import { InputError } from '../util/errors.js';

/** A previous JSON report, checked against the report schema so that a wrong file is named, not half-used. */
export async function readBaseline(file: string, what = 'baseline'): Promise<AuditResult> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    // JSON.parse quotes the start of the file in its message: name the position only, never the content.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : `not JSON${position ? ` (invalid at character ${position})` : ''}`;
    throw new InputError(`${what} ${file}: ${reason}`, [{ file, line: 1, column: 1, message: `${what}: ${reason}` }]);
  }
  const parsed = auditResultSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${what} ${file} is not a gtp JSON report`, [
      {
        file,
        line: 1,
        column: 1,
        message: `${what}: not a gtp JSON report (schemaVersion 1): ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
      },
    ]);
  }
  return parsed.data;
}
