import type { AuditResult } from '../audit/result.js';
import { InputError } from '../util/errors.js';
import { lastRun } from './read.js';
import { recordRun } from './record.js';
import { openStore } from './store.js';
import { historyReport } from './report.js';
import type { HistoryReport } from './timeline.js';

/** Records one project's audit in the store (created when absent). */
export async function recordAudit(
  file: string,
  result: AuditResult,
  context: { registerText: string; gate: string },
): Promise<void> {
  const store = await openStore(file);
  try {
    // Recorded when the report was made: the audit's one clock reading (generatedAt).
    recordRun(store, result, { ...context, recordedAt: new Date(result.generatedAt) });
  } finally {
    store.close();
  }
}

/** The previous audit of the project the store holds, as a baseline; none recorded yet is bad input, named. */
export async function baselineFromStore(
  file: string,
  project: string,
  which: 'last' | 'last-green',
): Promise<AuditResult> {
  const store = await openStore(file);
  try {
    const found = lastRun(store, project, which);
    if (!found)
      throw new InputError(
        `--baseline ${which}: ${file} holds no ${which === 'last-green' ? 'audit of projects/' + project + ' whose gate passed' : 'audit of projects/' + project}`,
      );
    return found;
  } finally {
    store.close();
  }
}

/** The project's recorded history, for the trends of the HTML report. */
export async function projectHistory(file: string, project: string): Promise<HistoryReport> {
  return historyReport(file, { project });
}
