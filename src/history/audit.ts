import type { AuditResult } from '../audit/result.js';
import type { Baseline } from '../audit/baseline.js';
import type { OrgReport } from '../org/result.js';
import { InputError } from '../util/errors.js';
import { organizationAuditRecord, projectAuditRecord, type RecordContext } from './record.js';
import { openStore } from './open.js';
import { checkedBaseline, type HistoryStore } from './store.js';
import { historyOf, type HistoryReport } from './timeline.js';

export { openStore, type HistoryStore };

/** Runs `work` with the store open, closing it however the work ends. */
export async function withStore<T>(target: string, work: (store: HistoryStore) => Promise<T>): Promise<T> {
  const store = await openStore(target);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Records one project's audit. */
export function recordAudit(store: HistoryStore, result: AuditResult, context: RecordContext): Promise<number> {
  return store.record(projectAuditRecord(result, context));
}

/** Records an organization's audit, every project in one transaction. */
export function recordOrganizationAudit(
  store: HistoryStore,
  result: OrgReport,
  context: RecordContext,
): Promise<number> {
  return store.record(organizationAuditRecord(result, context));
}

/** The previous audit of the project the store holds, as a baseline; none recorded yet is bad input, named. */
export async function baselineFromStore(
  store: HistoryStore,
  project: string,
  which: 'last' | 'last-green',
): Promise<Baseline> {
  const found = await store.lastRun(project, which);
  if (!found)
    throw new InputError(
      `--baseline ${which}: ${store.location} holds no ${which === 'last-green' ? 'audit of projects/' + project + ' whose gate passed' : 'audit of projects/' + project}`,
    );
  return checkedBaseline(found, store.location);
}

/** The history the filter keeps. */
export async function historyFrom(
  store: HistoryStore,
  filter: Parameters<HistoryStore['read']>[0],
): Promise<HistoryReport> {
  const { runs, risks, checks } = await store.read(filter);
  return historyOf(runs, risks, checks);
}
