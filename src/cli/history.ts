import { existsSync } from 'node:fs';
import { historyReport } from '../history/report.js';
import { renderHistoryMarkdown } from '../report/history.js';
import { InputError } from '../util/errors.js';
import { EXIT } from './exit-codes.js';
import { emit } from './output.js';

export interface HistoryCommandOptions {
  store?: string;
  risk?: string;
  project?: string;
  since?: string;
  format: 'md' | 'json';
  output?: string;
}

export const DEFAULT_STORE = '.gtp/history.sqlite';

export async function historyCommand(options: HistoryCommandOptions): Promise<number> {
  const store = options.store ?? process.env.GTP_STORE ?? DEFAULT_STORE;
  if (!existsSync(store))
    throw new InputError(`${store}: no history store (record audits with gtp audit --record ${store})`);
  const since = options.since;
  if (since !== undefined && Number.isNaN(Date.parse(since)))
    throw new InputError(`--since ${since}: not a date such as 2026-01-31 or an RFC 3339 time`);
  const report = await historyReport(store, {
    ...(options.project ? { project: options.project } : {}),
    ...(options.risk ? { risk: options.risk } : {}),
    ...(since ? { since: new Date(since).toISOString() } : {}),
  });
  await emit(
    options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderHistoryMarkdown(report),
    options.output,
  );
  return EXIT.OK;
}
