/**
 * One word for a POSIX shell, whatever `text` holds: single-quoted, with each single quote closed, escaped and
 * reopened. Plain words (letters, digits, and - _ . , / : = @ %) are left bare so that commands stay readable.
 */
export function shellQuote(text: string): string {
  if (/^[A-Za-z0-9_./:=@%,-]+$/.test(text) && !text.startsWith('-')) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
