import { INVISIBLE, unicodeEscape, visible } from '../util/text.js';

/**
 * A small HCL writer: enough to emit resources, import blocks and variables that `terraform fmt` leaves as they
 * are (aligned equals signs within a run of attributes, two-space indentation).
 */
export type HclValue = string | number | boolean | HclValue[] | { [key: string]: HclValue } | Expr;

/** An expression written as is (a reference, a function call), not quoted. */
export class Expr {
  constructor(readonly text: string) {}
}

export const expr = (text: string) => new Expr(text);

export type Body = (Attr | Block | Comment | Blank)[];
interface Attr {
  kind: 'attr';
  name: string;
  value: HclValue;
}
interface Block {
  kind: 'block';
  type: string;
  labels: string[];
  body: Body;
}
interface Comment {
  kind: 'comment';
  text: string;
}
interface Blank {
  kind: 'blank';
}

export const attr = (name: string, value: HclValue | undefined): Attr[] =>
  value === undefined ? [] : [{ kind: 'attr', name, value }];
export const block = (type: string, labels: string[], body: Body): Block => ({ kind: 'block', type, labels, body });
export const comment = (text: string): Comment => ({ kind: 'comment', text });
export const blank: Blank = { kind: 'blank' };

/**
 * The one way a string becomes HCL: a quoted template that evaluates to exactly `text`, whatever it holds. HCL's
 * escapes are \n \r \t \" \\ and \uNNNN (not JSON's \b or \f), and `${` and `%{` start an interpolation or a
 * directive unless doubled to `$${` and `%%{`. A function replacement, because in a replacement *string*
 * JavaScript reads `$$` as one `$`.
 */
export function hclString(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(INVISIBLE, unicodeEscape)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${escaped}"`;
}

/** Text for a `#` comment line: controls shown as \uNNNN, so nothing in it can end the comment or hide text. */
export function commentText(text: string): string {
  return visible(text);
}

const quote = hclString;

function value(v: HclValue, indent: string): string {
  if (v instanceof Expr) return v.text;
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => value(x, indent)).join(', ')}]`;
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  const width = Math.max(...entries.map(([k]) => (/^[a-zA-Z_][\w-]*$/.test(k) ? k : quote(k)).length));
  const inner = entries.map(([k, x]) => {
    const key = /^[a-zA-Z_][\w-]*$/.test(k) ? k : quote(k);
    return `${indent}  ${key.padEnd(width)} = ${value(x, `${indent}  `)}`;
  });
  return `{\n${inner.join('\n')}\n${indent}}`;
}

function render(body: Body, indent: string): string[] {
  const lines: string[] = [];
  // Runs of single-line attributes align their equals signs, as terraform fmt does.
  let run: Attr[] = [];
  const flush = () => {
    const width = Math.max(...run.map((a) => a.name.length));
    for (const a of run) lines.push(`${indent}${a.name.padEnd(width)} = ${value(a.value, indent)}`);
    run = [];
  };
  for (const item of body) {
    if (item.kind === 'attr') {
      const multiline = value(item.value, indent).includes('\n');
      if (multiline) {
        if (run.length) flush();
        run = [item];
        flush();
      } else run.push(item);
      continue;
    }
    if (run.length) flush();
    if (item.kind === 'blank') lines.push('');
    else if (item.kind === 'comment')
      lines.push(...item.text.split('\n').map((t) => `${indent}#${t ? ` ${commentText(t)}` : ''}`));
    else {
      const head = [item.type, ...item.labels.map(quote)].join(' ');
      if (item.body.length === 0) lines.push(`${indent}${head} {}`);
      else lines.push(`${indent}${head} {`, ...render(item.body, `${indent}  `), `${indent}}`);
    }
  }
  if (run.length) flush();
  return lines;
}

/** Top-level items separated by a blank line. */
export function hcl(items: (Block | Comment)[]): string {
  const out: string[] = [];
  items.forEach((item, i) => {
    if (i > 0 && !(item.kind === 'block' && items[i - 1]!.kind === 'comment')) out.push('');
    out.push(...render([item], ''));
  });
  return `${out.join('\n')}\n`;
}

/** A Terraform name from a resource name: letters, digits and underscores, not starting with a digit. */
export function tfName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(safe) ? `r_${safe}` : safe;
}
