import { readFile } from 'node:fs/promises';
import { checkEach, checkItem, checkJson, parseJsonText } from '../util/json-input.js';
import { NotSplittable, splitTopLevelArray } from '../util/json-array-split.js';
import { orgResultSchema, projectOutcomeSchema, type OrgResult, type ProjectOutcome } from './result.js';

export type ShardReportHead = Omit<OrgResult, 'projects'>;

/**
 * A shard's report (`org-audit.json`), checked as `gtp merge` needs it: each project handed to the sink as it is
 * read and checked, the rest of the report returned. A shard of ten thousand projects is read a project at a time,
 * never whole (its text alone is tens of megabytes).
 *
 * `start` gives a fresh sink for one reading. A report the split cannot follow (see splitTopLevelArray) is read
 * again whole, with a new sink, after the first reading's projects are dropped by the caller: the reader then gets
 * JSON's own message, and a valid report written in a way the split does not expect is still read exactly.
 */
export async function readShardReport(
  path: string,
  name: string,
  start: () => (project: ProjectOutcome) => void,
): Promise<ShardReportHead> {
  try {
    const sink = start();
    const rest = await splitTopLevelArray(path, 'projects', (text, index) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new NotSplittable(`projects[${index}] is not JSON`);
      }
      sink(checkItem(name, value, 'projects', index, projectOutcomeSchema));
    });
    let head: unknown;
    try {
      head = JSON.parse(rest);
    } catch {
      throw new NotSplittable('the report around its projects is not JSON');
    }
    const { projects: _none, ...checked } = checkJson(name, head, orgResultSchema);
    return checked;
  } catch (error) {
    if (!(error instanceof NotSplittable)) throw error;
  }
  const sink = start();
  const value = parseJsonText(name, await readFile(path, 'utf8')) as { projects?: unknown } | null;
  const projects = value?.projects;
  // The rest of the report first: a `projects` that is not a list is refused there.
  const { projects: _none, ...checked } = checkJson(
    name,
    Array.isArray(projects) ? { ...value, projects: [] } : value,
    orgResultSchema,
  );
  checkEach(name, projects as unknown[], 'projects', projectOutcomeSchema).forEach(sink);
  return checked;
}
