import ms from 'ms';

/** "90s", "30m", "2h", "7d" → milliseconds; undefined when the text is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const value = /^\s*\d+(\.\d+)?\s*(ms|s|m|h|d|w)\s*$/i.test(text) ? ms(text.trim() as ms.StringValue) : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** 252 → "4m 12s": how a drill reports its figures to people. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  const parts: string[] = [];
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (s % 60 || parts.length === 0) parts.push(`${s % 60}s`);
  return parts.join(' ');
}
