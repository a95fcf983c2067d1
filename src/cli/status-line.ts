/**
 * Progress on a terminal is one line that each message replaces and that goes before anything else is written:
 * what stays on the screen is the command's answer, whose first lines say what matters (the verdict, or the one
 * cause of every failure and its fix), not a log of what gtp was doing. Off a terminal, progress is not written.
 */
let showing = false;

/** Replaces the status line (stderr is a terminal). */
export function showStatus(line: string): void {
  process.stderr.write(`\r\u001b[2K${line}`);
  showing = true;
}

/** Clears the status line, if one is showing: called before anything that stays is written. */
export function clearStatus(): void {
  if (!showing) return;
  process.stderr.write('\r\u001b[2K');
  showing = false;
}
