import { existsSync } from 'node:fs';
import { historyFrom, withStore } from '../history/audit.js';
import { parseKeep, prune } from '../history/prune.js';
import { isPostgresUrl } from '../history/open.js';
import { EXPORT_SCHEMAS, exportTables } from '../history/export.js';
import { writeFilesAtomic } from '../util/atomic-write.js';
import { join } from 'node:path';
import type { Clock } from '../util/clock.js';
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

/**
 * The store a history command reads: --store, else GTP_STORE, else the default; a file that is not there is bad
 * input (a database is asked when opened).
 */
function existingStore(given: string | undefined): string {
  const store = given ?? process.env.GTP_STORE ?? DEFAULT_STORE;
  if (!isPostgresUrl(store) && !existsSync(store))
    throw new InputError(`${store}: no history store (record audits with gtp audit --record ${store})`);
  return store;
}

export async function historyPruneCommand(options: { keep: string; store?: string }, clock: Clock): Promise<number> {
  const days = parseKeep(options.keep);
  return withStore(existingStore(options.store), async (store) => {
    const { removed, cutoff } = await prune(store, days, clock.now());
    process.stdout.write(`removed ${removed} audit(s) judged before ${cutoff}\n`);
    return EXIT.OK;
  });
}

export async function historyCommand(options: HistoryCommandOptions): Promise<number> {
  const store = existingStore(options.store);
  const since = options.since;
  if (since !== undefined && Number.isNaN(Date.parse(since)))
    throw new InputError(`--since ${since}: not a date such as 2026-01-31 or an RFC 3339 time`);
  const report = await withStore(store, (opened) =>
    historyFrom(opened, {
      ...(options.project ? { project: options.project } : {}),
      ...(options.risk ? { risk: options.risk } : {}),
      ...(since ? { since: new Date(since).toISOString() } : {}),
    }),
  );
  await emit(
    options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderHistoryMarkdown(report),
    options.output,
  );
  return EXIT.OK;
}

/**
 * Writes the store's tables as NDJSON with their BigQuery schemas into `outputDir`: runs, risk_results and
 * check_results (.ndjson and .schema.json), all or none.
 */
export async function historyExportCommand(options: {
  outputDir: string;
  store?: string;
  since?: string;
}): Promise<number> {
  if (options.since !== undefined && Number.isNaN(Date.parse(options.since)))
    throw new InputError(`--since ${options.since}: not a date such as 2026-01-31 or an RFC 3339 time`);
  return withStore(existingStore(options.store), async (store) => {
    const tables = await exportTables(store, options.since ? new Date(options.since).toISOString() : undefined);
    await writeFilesAtomic(
      Object.entries(tables).flatMap(([table, rows]) => [
        { path: join(options.outputDir, `${table}.ndjson`), content: rows },
        {
          path: join(options.outputDir, `${table}.schema.json`),
          content: `${JSON.stringify(EXPORT_SCHEMAS[table as keyof typeof EXPORT_SCHEMAS], null, 2)}\n`,
        },
      ]),
    );
    for (const [table, rows] of Object.entries(tables))
      process.stdout.write(
        `wrote ${join(options.outputDir, `${table}.ndjson`)} (${rows ? rows.split('\n').length - 1 : 0} rows)\n`,
      );
    return EXIT.OK;
  });
}
