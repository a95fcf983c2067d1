/**
 * Characters that do something other than show themselves: C0 and C1 controls (ESC starts terminal sequences, BEL
 * ends OSC ones, CR rewrites a line), DEL, the Unicode line and paragraph separators, and the bidirectional
 * overrides that make text read differently from how it parses.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\u001b` for ESC, and so on: what a reader should see in place of a character that would act instead. */
export const unicodeEscape = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text from outside gtp (the cloud, a repository, a drill record, a snapshot), made safe for one line of a terminal
 * or a log: every invisible character, newlines included, is shown as its \uNNNN escape.
 */
export function visible(text: string): string {
  return text.replace(INVISIBLE, unicodeEscape);
}

/**
 * Orders text by its UTF-16 code units, as `<` does: the same order on every machine. `localeCompare` orders by
 * the process's locale (LANG), so one audit's report could list keys in another order elsewhere, and its first
 * call loads ICU's collation data (~10 ms of a command's start).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
