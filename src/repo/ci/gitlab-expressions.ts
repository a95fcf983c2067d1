import { and as and3, or as or3, tokenize, type Truth } from './three-valued.js';

/**
 * GitLab CI `rules:if` expressions (docs.gitlab.com, "CI/CD variable expressions"), evaluated for one kind of
 * pipeline: `$VAR`, `$VAR == "x"`, `!=`, `=~ /re/`, `!~`, `$A == $B`, `null`, `&&`, `||` and parentheses. A
 * predefined variable the pipeline kind fixes is known (set or unset); any other variable is unknown, never guessed.
 */

/** The predefined variables a pipeline kind fixes; a name absent from the map is unknown, null is unset. */
export type Variables = Record<string, string | null>;

type Value = { kind: 'known'; value: string | null } | { kind: 'regex'; re: RegExp } | { kind: 'unknown' };

/** GitLab's expression tokens: strings, regular expressions, operators, variables, null. */
const TOKEN =
  /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/(?:[^/\\]|\\.)*\/[a-z]*|&&|\|\||==|!=|=~|!~|[()]|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|null\b)/y;

export function evaluateRule(expression: string, variables: Variables): Truth {
  const tokens = tokenize(expression, TOKEN);
  if (!tokens || tokens.length === 0) return 'unknown';
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];

  const operand = (): Value => {
    const token = next();
    if (token === undefined) throw new Error('end');
    if (token === 'null') return { kind: 'known', value: null };
    if (token.startsWith('"') || token.startsWith("'")) return { kind: 'known', value: token.slice(1, -1) };
    if (token.startsWith('/')) {
      const end = token.lastIndexOf('/');
      try {
        return { kind: 'regex', re: new RegExp(token.slice(1, end), token.slice(end + 1).replace(/[^im]/g, '')) };
      } catch {
        return { kind: 'unknown' };
      }
    }
    if (token.startsWith('$')) {
      const name = token.replace(/^\$\{?|\}$/g, '');
      return name in variables ? { kind: 'known', value: variables[name]! } : { kind: 'unknown' };
    }
    throw new Error(token);
  };

  const truthOf = (v: Value): Truth =>
    v.kind === 'known' ? v.value !== null && v.value !== '' : v.kind === 'regex' ? true : 'unknown';

  const comparison = (): Truth => {
    if (peek() === '(') {
      next();
      const t = or();
      if (next() !== ')') throw new Error(')');
      return t;
    }
    const left = operand();
    const op = peek();
    if (op !== '==' && op !== '!=' && op !== '=~' && op !== '!~') return truthOf(left);
    next();
    const right = operand();
    let truth: Truth;
    if (op === '==' || op === '!=') {
      truth = left.kind === 'known' && right.kind === 'known' ? left.value === right.value : 'unknown';
      return truth === 'unknown' ? truth : op === '==' ? truth : !truth;
    }
    if (left.kind === 'known' && right.kind === 'regex') truth = left.value !== null && right.re.test(left.value);
    else truth = 'unknown';
    return truth === 'unknown' ? truth : op === '=~' ? truth : !truth;
  };

  const and = (): Truth => {
    let t = comparison();
    while (peek() === '&&') {
      next();
      const u = comparison();
      t = and3(t, u);
    }
    return t;
  };

  function or(): Truth {
    let t = and();
    while (peek() === '||') {
      next();
      const u = and();
      t = or3(t, u);
    }
    return t;
  }

  try {
    const t = or();
    return i === tokens.length ? t : 'unknown';
  } catch {
    return 'unknown';
  }
}
