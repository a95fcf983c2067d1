import { coverOf, type Cover, type LogOf } from './log-filter.js';

/** Logging v2 LogSink: the fields that decide where a log's entries go. */
export interface LogSink {
  name?: string;
  resourceName?: string;
  destination?: string;
  filter?: string;
  disabled?: boolean;
  exclusions?: LogExclusion[];
  includeChildren?: boolean;
  interceptChildren?: boolean;
}

export interface LogExclusion {
  name?: string;
  filter?: string;
  disabled?: boolean;
}

/** Where Data Access audit logs are written: every DATA_READ, DATA_WRITE and ADMIN_READ entry. */
export const DATA_ACCESS_LOG_ID = 'cloudaudit.googleapis.com/data_access';

/** Whether a log's entries are kept somewhere: yes (and where), no (and why), or gtp cannot say (and why). */
export interface Kept {
  verdict: 'pass' | 'fail' | 'unknown';
  detail: string;
}

const sinkLabel = (sink: LogSink) => sink.resourceName ?? sink.name ?? '(unnamed sink)';

/**
 * What one sink routes of the log: a disabled sink "does not export any log entries"; its filter chooses; and
 * "log entries that match any of these exclusion filters will not be exported" (LogSink, Logging v2).
 */
function routed(sink: LogSink, log: LogOf): { cover: Cover; why: string } {
  if (sink.disabled === true) return { cover: 'none', why: 'it is disabled' };
  const chosen = coverOf(sink.filter, log);
  if (chosen === 'none') return { cover: 'none', why: `its filter selects none of it (${sink.filter ?? ''})` };
  let cover: Cover = chosen;
  const reasons: string[] = chosen === 'some' ? [`its filter may select only part of it (${sink.filter ?? ''})`] : [];
  for (const exclusion of sink.exclusions ?? []) {
    if (exclusion.disabled === true) continue;
    const dropped = coverOf(exclusion.filter, log);
    if (dropped === 'all')
      return { cover: 'none', why: `exclusion ${exclusion.name ?? '(unnamed)'} drops it (${exclusion.filter ?? ''})` };
    if (dropped === 'some') {
      cover = 'some';
      reasons.push(`exclusion ${exclusion.name ?? '(unnamed)'} may drop part of it (${exclusion.filter ?? ''})`);
    }
  }
  return { cover, why: reasons.join('; ') };
}

/**
 * Whether the destination keeps what it receives: a log bucket, a Cloud Storage bucket or a BigQuery dataset does;
 * a Pub/Sub topic hands entries to whoever subscribes, and a project routes them through its own sinks, which
 * gtp does not follow: both are somewhere gtp cannot see.
 */
function keeps(destination: string | undefined): boolean | undefined {
  if (!destination) return undefined;
  if (/^logging\.googleapis\.com\/projects\/[^/]+\/locations\/[^/]+\/buckets\/[^/]+$/.test(destination)) return true;
  if (destination.startsWith('storage.googleapis.com/') || destination.startsWith('bigquery.googleapis.com/'))
    return true;
  return undefined;
}

/**
 * Whether a project's entries of one log are stored, from the sinks a list with in_scope("ALL") returns: the
 * project's own and the intercepting sinks of its folders and organization. An intercepting sink "prevents log
 * entries from being routed to sinks in child resources, except for the _Required sinks" and routes them to a
 * project (aggregated sinks overview; LogSink.interceptChildren), so entries it may take are unverified here.
 * Then some sink of the project must route every entry to a destination that keeps it.
 */
export function keptBy(sinks: readonly LogSink[], log: LogOf): Kept {
  const own = `projects/${log.project}/`;
  const intercepting = sinks.filter((s) => s.interceptChildren === true && !(s.resourceName ?? '').startsWith(own));
  for (const sink of intercepting) {
    const { cover } = routed(sink, log);
    if (cover !== 'none' || sink.disabled === true)
      return {
        verdict: 'unknown',
        detail: `${sinkLabel(sink)} intercepts ${cover === 'all' ? 'them' : 'some of them'} and routes them to ${sink.destination ?? 'an unnamed destination'}, whose own sinks gtp does not read`,
      };
  }
  const projectSinks = sinks.filter((s) => !intercepting.includes(s));
  const readings = projectSinks.map((sink) => ({ sink, ...routed(sink, log), kept: keeps(sink.destination) }));
  const storing = readings.find((r) => r.cover === 'all' && r.kept === true);
  if (storing)
    return { verdict: 'pass', detail: `routed by ${sinkLabel(storing.sink)} to ${storing.sink.destination ?? ''}` };
  const open = readings.filter((r) => r.cover !== 'none');
  if (open.length > 0)
    return {
      verdict: 'unknown',
      detail: open
        .map((r) =>
          r.cover === 'some'
            ? `${sinkLabel(r.sink)}: ${r.why}`
            : `${sinkLabel(r.sink)} routes them to ${r.sink.destination ?? 'an unnamed destination'}, which gtp cannot see into`,
        )
        .join('; '),
    };
  return {
    verdict: 'fail',
    detail:
      readings.length === 0
        ? 'no sink routes them anywhere'
        : `no sink stores them: ${readings.map((r) => `${sinkLabel(r.sink)}: ${r.why}`).join('; ')}`,
  };
}
