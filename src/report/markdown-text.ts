import { visible } from '../util/text.js';

/**
 * Text from outside gtp, for Markdown that GitHub renders (a job summary, a PR comment) and a terminal shows (stdout):
 * one line (controls shown as \uNNNN, so nothing can start a new line, a workflow command or a terminal sequence),
 * no HTML (`<`, `>` and `&` as entities), and no Markdown of its own (every character that could start emphasis,
 * a link, an image, code, a table cell or strikethrough is backslash-escaped). Underscores inside a word stay, as
 * GitHub never reads them as emphasis.
 */
export function mdText(text: string): string {
  return visible(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*[\]|~!#]/g, '\\$&')
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_');
}

/**
 * A name from outside gtp as inline code: a fence one backtick longer than any run inside, so the name cannot close
 * it, and `|` escaped, which GitHub's tables read even inside code.
 */
export function mdCode(text: string): string {
  const shown = visible(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...shown.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') || shown === '' ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/**
 * The register's own prose (the team's Markdown: emphasis, links and entities stay) kept to one line and free of
 * raw HTML and controls: `<` is the only character that opens a tag or a comment.
 */
export function mdProse(text: string): string {
  return visible(text.replace(/\r?\n/g, ' ')).replace(/</g, '&lt;');
}
