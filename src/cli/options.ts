import { isShardCount, MAX_SHARDS } from '../org/shard.js';
import { InvalidArgumentError } from 'commander';
import { FORMATS, type Format } from '../report/formats.js';
import { PROJECT_ID, SQL_INSTANCE_ID, type IdFormat } from '../gcp/ids.js';

/** A flag that names a Google resource must be one: checked on entry, so no other text reaches a path or a command. */
function identifier(kind: IdFormat): (value: string) => string {
  return (value) => {
    if (!kind.test(value))
      throw new InvalidArgumentError(`must be ${kind.rule}, got ${JSON.stringify(value.slice(0, 80))}`);
    return value;
  };
}

export const parseProjectId = identifier(PROJECT_ID);
export const parseInstanceId = identifier(SQL_INSTANCE_ID);

export function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${FORMATS.join(', ')}`);
  return value as Format;
}

/** An audit's --format: a report format, `terminal` (the one-screen view), or `auto` (that view on a terminal). */
export type AuditFormat = Format | 'terminal' | 'auto';

export function parseAuditFormat(value: string): AuditFormat {
  if (value === 'auto' || value === 'terminal') return value;
  if (!(FORMATS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of auto, terminal, ${FORMATS.join(', ')}`);
  return value as Format;
}

export function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('must be a number');
  return n;
}

export function parseNonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

/** A count of shards: 1 to MAX_SHARDS. An empty or zero count (a CI variable that came out blank) is bad input. */
export function parseShardCount(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !isShardCount(n))
    throw new InvalidArgumentError(`must be a whole number of shards from 1 to ${MAX_SHARDS}`);
  return n;
}

/** A TCP port: 0 (pick a free one) to 65535. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return n;
}

export function parseRate(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('must be a fraction between 0 and 1');
  return n;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parseFormats(value: string): Format[] {
  const formats = value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (formats.length === 0)
    throw new InvalidArgumentError(`name one or more of ${FORMATS.join(', ')}, separated by commas`);
  return formats.map(parseFormat);
}

/** `SERVICE=N`: N requests per minute for one API, e.g. sqladmin.googleapis.com=3000 (repeatable). */
export function collectQuota(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const match = /^([a-z0-9.-]+\.googleapis\.com)=(\d{1,9})$/.exec(value);
  if (!match || Number(match[2]) < 1)
    throw new InvalidArgumentError(
      `expected SERVICE=REQUESTS_PER_MINUTE, e.g. sqladmin.googleapis.com=3000, got "${value}"`,
    );
  return { ...previous, [match[1]!]: Number(match[2]) };
}
