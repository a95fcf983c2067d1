/** One simple command of a shell script: the program it runs and its arguments, as the shell would split them. */
export interface Command {
  program: string;
  args: string[];
  /** The program as written, where it is a path (`./scripts/release.sh`): a build script the repository may hold. */
  path?: string;
  /** Where the command was found when a build script or a Makefile target that CI runs holds it. */
  via?: string;
}

/** Words that run the next word as the program (`sudo syft …`, `npx @cyclonedx/cyclonedx-npm`). */
const WRAPPERS = new Set(['sudo', 'env', 'time', 'exec', 'nohup', 'command', 'npx', 'bunx', 'pipx']);

/** Splits one line into words, honouring single and double quotes and backslashes; a `#` word ends the line. */
function words(line: string): string[] {
  const out: string[] = [];
  let current: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) current = (current ?? '') + line[++i];
      else current = (current ?? '') + ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      current ??= '';
    } else if (ch === '\\' && i + 1 < line.length) current = (current ?? '') + line[++i];
    else if (/\s/.test(ch)) {
      if (current !== undefined) out.push(current);
      current = undefined;
    } else if (ch === '#' && current === undefined) break;
    else current = (current ?? '') + ch;
  }
  if (current !== undefined) out.push(current);
  return out;
}

/**
 * The simple commands of a CI script (`run:`, `script:`, `bash -c`): lines joined at trailing backslashes, split at
 * `&&`, `||`, `;` and `|`, leading `NAME=value` assignments and wrappers skipped. A tool mentioned in an argument
 * (`echo "TODO add gitleaks"`) is an argument, not a program: only what runs counts.
 */
export function commandsOf(script: string): Command[] {
  const commands: Command[] = [];
  for (const line of script.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    // Operators are split outside quotes only: a quoted "a && b" stays one argument.
    const segments: string[] = [];
    let segment = '';
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quote) {
        if (ch === quote) quote = undefined;
        segment += ch;
      } else if (ch === "'" || ch === '"') {
        quote = ch;
        segment += ch;
      } else if (ch === ';' || ch === '|' || (ch === '&' && line[i + 1] === '&')) {
        segments.push(segment);
        segment = '';
        if (line[i + 1] === ch) i++;
      } else segment += ch;
    }
    segments.push(segment);
    for (const text of segments) {
      const ws = words(text);
      while (ws.length > 0 && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[0]!) || WRAPPERS.has(ws[0]!))) ws.shift();
      if (ws.length === 0) continue;
      const word = ws[0]!;
      commands.push({
        program: word.split('/').at(-1)!,
        args: ws.slice(1),
        ...(word.includes('/') ? { path: word } : {}),
      });
    }
  }
  return commands;
}
