import { and as and3, or as or3, tokenize, type Truth } from './three-valued.js';

/**
 * GitHub Actions `if:` conditions, evaluated as far as a control cares: for one triggering event, is the
 * condition surely true, surely false, or unknown (it reads something only a run knows)? Covers literals, `!`,
 * `&&`, `||`, `==`, `!=`, parentheses, the status functions, `github.event_name`, `github.ref` and `startsWith`
 * on it, and the fork guards `github.repository(_owner) == '…'`, taken as true (the repository is the one it names).
 * Anything else is unknown, never guessed (docs.github.com, "Evaluate expressions in workflows and actions").
 */

/** What the evaluation knows of the run: the event, and the ref it runs on. */
export interface RunContext {
  event: string;
  /** `refs/heads/<default branch>`, `refs/tags/` (a tag: its name unknown) or `refs/pull/` (a pull request). */
  ref: { kind: 'branch'; names: string[] } | { kind: 'tag' } | { kind: 'pull' } | { kind: 'unknown' };
}

type Value =
  | { kind: 'known'; value: string | number | boolean | null }
  | { kind: 'array'; items: unknown[] }
  | { kind: 'ref' }
  | { kind: 'this-repository' }
  | { kind: 'unknown' };

const UNKNOWN: Value = { kind: 'unknown' };

/** GitHub's expression tokens: strings, operators, property paths and function names, numbers. */
const TOKEN = /\s*('(?:[^']|'')*'|&&|\|\||==|!=|<=|>=|[()!,<>]|[A-Za-z_][A-Za-z0-9_.\-*]*|-?\d+(?:\.\d+)?)/y;

/** Evaluates an `if:` for one run; `${{ }}` around the whole is optional, as GitHub allows. */
export function evaluateCondition(condition: string, run: RunContext): Truth {
  const expression = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const tokens = tokenize(expression, TOKEN);
  if (!tokens || tokens.length === 0) return 'unknown';
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];

  const truthOf = (v: Value): Truth => {
    if (v.kind === 'known') return v.value !== false && v.value !== null && v.value !== 0 && v.value !== '';
    if (v.kind === 'ref' || v.kind === 'array') return true;
    return 'unknown';
  };
  const fromTruth = (t: Truth): Value => (t === 'unknown' ? UNKNOWN : { kind: 'known', value: t });

  const primary = (): Value => {
    const token = next();
    if (token === undefined) throw new Error('end');
    if (token === '(') {
      const v = or();
      if (next() !== ')') throw new Error(')');
      return v;
    }
    if (token.startsWith("'")) return { kind: 'known', value: token.slice(1, -1).replace(/''/g, "'") };
    if (/^-?\d/.test(token)) return { kind: 'known', value: Number(token) };
    if (token === 'true' || token === 'false') return { kind: 'known', value: token === 'true' };
    if (token === 'null') return { kind: 'known', value: null };
    if (peek() === '(') {
      next();
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') next();
        else if (peek() !== ')') throw new Error(',');
      }
      next();
      return call(token.toLowerCase(), args);
    }
    const path = token.toLowerCase();
    if (path === 'github.event_name') return { kind: 'known', value: run.event };
    if (path === 'github.ref') {
      if (run.ref.kind === 'branch' && run.ref.names.length === 1)
        return { kind: 'known', value: `refs/heads/${run.ref.names[0]}` };
      return run.ref.kind === 'pull' ? { kind: 'known', value: 'refs/pull/merge' } : { kind: 'ref' };
    }
    if (path === 'github.repository' || path === 'github.repository_owner') return { kind: 'this-repository' };
    // In a run that has gone well so far, every job this one needs has succeeded.
    if (/^needs\.[a-z0-9_-]+\.result$/.test(path)) return { kind: 'known', value: 'success' };
    return UNKNOWN;
  };

  const call = (name: string, args: Value[]): Value => {
    // A step gates the build when it runs in a run that has gone well so far: success() and always() hold there,
    // failure() and cancelled() do not (a step that runs only on failure is no control).
    if (name === 'success' || name === 'always') return { kind: 'known', value: true };
    if (name === 'failure' || name === 'cancelled') return { kind: 'known', value: false };
    if (name === 'fromjson' && args.length === 1 && args[0]!.kind === 'known' && typeof args[0]!.value === 'string') {
      try {
        const parsed = JSON.parse(args[0]!.value) as unknown;
        if (Array.isArray(parsed)) return { kind: 'array', items: parsed };
        if (parsed === null || ['string', 'number', 'boolean'].includes(typeof parsed))
          return { kind: 'known', value: parsed as string | number | boolean | null };
      } catch {
        return UNKNOWN;
      }
      return UNKNOWN;
    }
    if (name === 'contains' && args.length === 2 && args[1]!.kind === 'known') {
      const needle = String(args[1]!.value).toLowerCase();
      const haystack = args[0]!;
      if (haystack.kind === 'array')
        return { kind: 'known', value: haystack.items.some((i) => String(i).toLowerCase() === needle) };
      if (haystack.kind === 'known' && typeof haystack.value === 'string')
        return { kind: 'known', value: haystack.value.toLowerCase().includes(needle) };
    }
    if (
      (name === 'startswith' || name === 'endswith') &&
      args.length === 2 &&
      args[0]!.kind === 'known' &&
      args[1]!.kind === 'known'
    ) {
      const [text, part] = [String(args[0]!.value).toLowerCase(), String(args[1]!.value).toLowerCase()];
      return { kind: 'known', value: name === 'startswith' ? text.startsWith(part) : text.endsWith(part) };
    }
    if (name === 'startswith' && args.length === 2 && args[0]!.kind === 'ref' && args[1]!.kind === 'known') {
      const prefix = String(args[1]!.value).toLowerCase();
      if (run.ref.kind === 'tag')
        return fromTruth(prefix === 'refs/tags/' || prefix === 'refs/tags' ? true : 'unknown');
      if (run.ref.kind === 'branch')
        return fromTruth(
          run.ref.names.every((n) => `refs/heads/${n}`.startsWith(prefix))
            ? true
            : run.ref.names.some((n) => `refs/heads/${n}`.startsWith(prefix))
              ? 'unknown'
              : false,
        );
    }
    return UNKNOWN;
  };

  const comparison = (): Value => {
    const left = primary();
    const op = peek();
    if (op !== '==' && op !== '!=') return left;
    next();
    const right = primary();
    const equal = equality(left, right);
    if (equal === 'unknown') return UNKNOWN;
    return { kind: 'known', value: op === '==' ? equal : !equal };
  };

  const equality = (a: Value, b: Value): Truth => {
    const [ref, other] = a.kind === 'ref' ? [a, b] : [b, a];
    if (ref.kind === 'ref' && other.kind === 'known') {
      const value = String(other.value).toLowerCase();
      if (run.ref.kind === 'tag') return value.startsWith('refs/tags/') ? 'unknown' : false;
      if (run.ref.kind === 'branch') {
        const matches = run.ref.names.filter((n) => value === `refs/heads/${n}`.toLowerCase());
        return matches.length === run.ref.names.length ? true : matches.length > 0 ? 'unknown' : false;
      }
      return 'unknown';
    }
    if (a.kind === 'this-repository' || b.kind === 'this-repository') return true;
    if (a.kind === 'known' && b.kind === 'known') {
      // GitHub compares strings ignoring case.
      const norm = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
      return norm(a.value) === norm(b.value);
    }
    return 'unknown';
  };

  const unary = (): Value => {
    if (peek() === '!') {
      next();
      const t = truthOf(unary());
      return fromTruth(t === 'unknown' ? 'unknown' : !t);
    }
    return comparison();
  };

  const and = (): Value => {
    let v = unary();
    while (peek() === '&&') {
      next();
      const a = truthOf(v);
      const b = truthOf(unary());
      v = fromTruth(and3(a, b));
    }
    return v;
  };

  function or(): Value {
    let v = and();
    while (peek() === '||') {
      next();
      const a = truthOf(v);
      const b = truthOf(and());
      v = fromTruth(or3(a, b));
    }
    return v;
  }

  try {
    const value = or();
    if (i !== tokens.length) return 'unknown';
    return truthOf(value);
  } catch {
    return 'unknown';
  }
}
