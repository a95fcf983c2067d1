import { join } from 'node:path';
import type { OrgReport } from '../org/result.js';
import { ORG_RENDERERS, type OrgFormat } from '../report/org.js';
import { writeFilesAtomic } from '../util/atomic-write.js';
import { emit, warn } from './output.js';

/**
 * The organization report, as `gtp audit --organization` and `gtp merge` both write it: with --output-dir, one
 * `org-audit.<format>` per format, as one set; else the first format to --output or stdout. Then the one summary
 * line on stderr.
 */
export async function writeOrgReport(
  result: OrgReport,
  formats: readonly OrgFormat[],
  where: { output?: string | undefined; outputDir?: string | undefined },
): Promise<void> {
  const { outputDir } = where;
  if (outputDir)
    await writeFilesAtomic(
      formats.map((format) => ({
        path: join(outputDir, `org-audit.${format}`),
        content: ORG_RENDERERS[format](result),
      })),
    );
  else await emit(ORG_RENDERERS[formats[0]!](result), where.output);
}

/** The line every organization run ends with on stderr. */
export function sayOrgSummary({ summary: s }: OrgReport): void {
  warn(`${s.projects} projects: ${s.passed} passed, ${s.failed} failed, ${s.unverified} could not be fully assessed`);
}
