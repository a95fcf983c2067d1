/** Labels every scratch instance carries, so that a later run can always find it again. */
export const DRILL_LABEL = 'gtp-drill';
export const EXPIRES_LABEL = 'gtp-drill-expires';
export const SOURCE_LABEL = 'gtp-drill-source';

const MAX_NAME = 63;

/** yyyymmdd-hhmmss in UTC: sortable, and only characters an instance name allows. */
function compactTime(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
}

/**
 * gtp-drill-<instance>-<yyyymmdd-hhmmss>: the source's name shortened if needed so that the whole stays within
 * 63 characters (a database host name label), and never ending in a hyphen before the time.
 */
export function scratchName(source: string, at: Date): string {
  const suffix = `-${compactTime(at)}`;
  const room = MAX_NAME - 'gtp-drill-'.length - suffix.length;
  const base = source.slice(0, room).replace(/-+$/, '');
  return `gtp-drill-${base}${suffix}`;
}

/** The id of a drill's record: start time first, so that records sort by time. */
export function drillId(source: string, at: Date): string {
  return `${compactTime(at)}-${source}`;
}

/** Label values allow lowercase letters, digits, _ and -, at most 63 characters. */
function labelValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 63);
}

export function scratchLabels(source: string, expires: Date): Record<string, string> {
  return {
    [DRILL_LABEL]: 'true',
    [EXPIRES_LABEL]: String(Math.floor(expires.getTime() / 1000)),
    [SOURCE_LABEL]: labelValue(source),
  };
}

/** The expiry a scratch instance's labels carry, or undefined when it is not a labelled scratch instance. */
export function scratchExpiry(labels: Readonly<Record<string, string>> | undefined): Date | undefined {
  if (labels?.[DRILL_LABEL] !== 'true') return undefined;
  const seconds = Number(labels[EXPIRES_LABEL]);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}
