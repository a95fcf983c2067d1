/**
 * What the CI condition evaluators share: a condition is surely true, surely false, or unknown (it reads something
 * only a run knows); `&&` and `||` follow Kleene's three-valued logic; an expression is split into tokens by its
 * language's token pattern.
 */
export type Truth = true | false | 'unknown';

export const and = (a: Truth, b: Truth): Truth =>
  a === false || b === false ? false : a === true && b === true ? true : 'unknown';

export const or = (a: Truth, b: Truth): Truth =>
  a === true || b === true ? true : a === false && b === false ? false : 'unknown';

/**
 * The tokens of an expression by a sticky pattern whose first group is one token (leading white space allowed);
 * undefined where a character is outside the language.
 */
export function tokenize(expression: string, pattern: RegExp): string[] | undefined {
  const tokens: string[] = [];
  let at = 0;
  while (at < expression.length) {
    if (/^\s*$/.test(expression.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(expression);
    if (!match) return undefined;
    tokens.push(match[1]!);
    at = pattern.lastIndex;
  }
  return tokens;
}
