import { readFile } from 'node:fs/promises';
import { auditResultSchema, type AuditResult } from '../audit/result.js';
import { InputError } from '../util/errors.js';

/** A previous JSON report, checked against the report schema so that a wrong file is named, not half-used. */
export async function readBaseline(file: string): Promise<AuditResult> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(error as Error).message})`;
    throw new InputError(`baseline ${file}: ${reason}`, [{ file, line: 1, column: 1, message: `baseline: ${reason}` }]);
  }
  const parsed = auditResultSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`baseline ${file} is not a gtp JSON report`, [
      { file, line: 1, column: 1, message: `baseline: not a gtp JSON report (schemaVersion 1): ${issue.path.join('.')}: ${issue.message}` },
    ]);
  }
  return parsed.data;
}
