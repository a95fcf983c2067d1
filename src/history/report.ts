import { readHistory, type HistoryFilter } from './read.js';
import { openStore } from './store.js';
import { historyOf, type HistoryReport } from './timeline.js';

/** The history the filter keeps, read from the store at `file`. */
export async function historyReport(file: string, filter: HistoryFilter): Promise<HistoryReport> {
  const store = await openStore(file);
  try {
    const { runs, risks, checks } = readHistory(store, filter);
    return historyOf(runs, risks, checks);
  } finally {
    store.close();
  }
}
