import { spawn } from 'node:child_process';
import { baseEnv } from './cli.js';
import { BIN, ROOT } from './paths.js';

export interface Screen {
  code: number | null;
  /** The lines as a person reads them: colour removed, and what a carriage return overwrote gone. */
  lines: string[];
  /** Everything the terminal received, escape sequences included. */
  raw: string;
}

/**
 * A gtp command as a person sees it: run under a pseudo-terminal (util-linux `script`) of a given width, so that
 * stdout is a TTY and the default format picks the one-screen view. stderr goes to the same screen unless
 * `stderr: false`: whatever a library prints there is on the person's screen too.
 */
export function onTerminal(
  columns: number,
  args: string[],
  env: Record<string, string> = {},
  { stderr = false }: { stderr?: boolean } = {},
): Promise<Screen> {
  const command = `stty cols ${columns} rows 60; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${args.map((a) => JSON.stringify(a)).join(' ')}${stderr ? ' 2>&1' : ' 2>/dev/null'}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...baseEnv(env), TERM: env.TERM ?? 'xterm-256color' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let raw = '';
    // One decoder for the whole stream: a character split across two reads is not two broken ones.
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => (raw += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, raw, lines: raw.split(/\r?\n/).map(asSeen) }));
  });
}

/** A line as the screen shows it: colours dropped, a line cleared (ESC [2K) or returned over (\r) shows what followed. */
function asSeen(line: string): string {
  // eslint-disable-next-line no-control-regex -- the escape sequences are what is interpreted
  const uncoloured = line.replace(/\u001b\[[0-9;]*m/g, '');
  // eslint-disable-next-line no-control-regex -- a cleared line starts again
  return uncoloured.split(/\r|\u001b\[2K/).at(-1) ?? '';
}
