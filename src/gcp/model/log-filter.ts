/**
 * How much of one log a Cloud Logging filter selects: every entry, none, or some (or gtp cannot tell). Sinks and
 * their exclusions are written in the Logging query language; gtp decides only what the log's name decides, and
 * every other comparison (severity, resource, payload, sample()) is "some", because it may select part of the log.
 *
 * The grammar, from the Logging query language reference: a comparison is `FIELD OP VALUE`, a function call
 * (`LOG_ID("…")`) or a bare value (a global restriction); `NOT` (or a leading `-`) binds tightest, then `OR`, then
 * `AND`, written or implied by a space ("a" OR NOT "b" AND NOT "c" OR "d" is ("a" OR (NOT "b")) AND ((NOT "c") OR
 * "d")). String comparisons are not case sensitive.
 */
export type Cover = 'all' | 'none' | 'some';

/** The log a filter is judged against: its id (cloudaudit.googleapis.com/data_access) in one project. */
export interface LogOf {
  project: string;
  logId: string;
}

/** The cover of `filter` over `log`; an empty filter selects everything, and one gtp cannot parse is "some". */
export function coverOf(filter: string | undefined, log: LogOf): Cover {
  if (!filter?.trim()) return 'all';
  try {
    const parser = new Parser(tokenize(filter));
    const cover = parser.expression(log);
    if (!parser.done()) return 'some';
    return cover;
  } catch {
    return 'some';
  }
}

/** The log's name as entries carry it: projects/P/logs/ and the URL-encoded log id. */
export function logNameOf(log: LogOf): string {
  return `projects/${log.project}/logs/${encodeURIComponent(log.logId)}`;
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'op'; text: string }
  | { kind: '(' | ')' | ',' };

const OPERATORS = ['=~', '!~', '!=', '<=', '>=', '=', '<', '>', ':'];

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c });
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < filter.length && filter[i] !== '"') {
        if (filter[i] === '\\') i++;
        text += filter[i] ?? '';
        i++;
      }
      if (i >= filter.length) throw new Error('unterminated string');
      i++;
      tokens.push({ kind: 'string', text });
    } else {
      const op = OPERATORS.find((o) => filter.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op });
        i += op.length;
        continue;
      }
      let text = '';
      while (i < filter.length && !/[\s(),"=!<>:~]/.test(filter[i]!)) text += filter[i++];
      if (!text) throw new Error(`unexpected ${c}`);
      tokens.push({ kind: 'word', text });
    }
  }
  return tokens;
}

const not = (c: Cover): Cover => (c === 'all' ? 'none' : c === 'none' ? 'all' : 'some');
const and = (a: Cover, b: Cover): Cover =>
  a === 'none' || b === 'none' ? 'none' : a === 'all' && b === 'all' ? 'all' : 'some';
const or = (a: Cover, b: Cover): Cover =>
  a === 'all' || b === 'all' ? 'all' : a === 'none' && b === 'none' ? 'none' : 'some';

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(): Token {
    const token = this.tokens[this.at++];
    if (!token) throw new Error('unexpected end');
    return token;
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text === word;
  }

  /** AND, written or implied: the loosest binding. */
  expression(log: LogOf): Cover {
    let cover = this.disjunction(log);
    for (;;) {
      const token = this.peek();
      if (!token || token.kind === ')' || token.kind === ',') return cover;
      if (this.isWord('AND')) this.next();
      cover = and(cover, this.disjunction(log));
    }
  }

  private disjunction(log: LogOf): Cover {
    let cover = this.unary(log);
    while (this.isWord('OR')) {
      this.next();
      cover = or(cover, this.unary(log));
    }
    return cover;
  }

  private unary(log: LogOf): Cover {
    if (this.isWord('NOT')) {
      this.next();
      return not(this.unary(log));
    }
    const token = this.peek();
    if (token?.kind === 'word' && token.text.startsWith('-') && token.text.length > 1) {
      this.tokens[this.at] = { kind: 'word', text: token.text.slice(1) };
      return not(this.unary(log));
    }
    return this.primary(log);
  }

  private primary(log: LogOf): Cover {
    const token = this.next();
    if (token.kind === '(') {
      const cover = this.expression(log);
      if (this.next().kind !== ')') throw new Error('expected )');
      return cover;
    }
    if (token.kind === 'string') return 'some';
    if (token.kind !== 'word') throw new Error('expected a comparison');
    const after = this.peek();
    if (after?.kind === '(') return this.call(token.text, log);
    if (after?.kind === 'op') {
      this.next();
      return this.comparison(token.text, (after as { text: string }).text, log);
    }
    return 'some';
  }

  /** A function: LOG_ID decides; any other (sample, source, SEARCH…) selects some. */
  private call(name: string, log: LogOf): Cover {
    this.next();
    const args: Token[] = [];
    while (this.peek()?.kind !== ')') {
      const token = this.next();
      if (token.kind === 'string' || token.kind === 'word') args.push(token);
      else if (token.kind !== ',') throw new Error('unexpected argument');
    }
    this.next();
    if (name.toUpperCase() !== 'LOG_ID' || args.length !== 1) return 'some';
    const id = decode((args[0] as { text: string }).text);
    return id === log.logId.toLowerCase() ? 'all' : 'none';
  }

  private comparison(field: string, op: string, log: LogOf): Cover {
    const value = this.next();
    if (value.kind === '(') {
      // FIELD = ("a" OR "b"): read past it; only the log name decides, and this form is left as "some".
      let depth = 1;
      while (depth > 0) {
        const token = this.next();
        if (token.kind === '(') depth++;
        if (token.kind === ')') depth--;
      }
      return 'some';
    }
    if (value.kind !== 'string' && value.kind !== 'word') throw new Error('expected a value');
    if (field !== 'logName') return 'some';
    const name = logNameOf(log).toLowerCase();
    const text = value.text.toLowerCase();
    switch (op) {
      case '=':
      case '!=': {
        const equal = sameLogName(text, name, log);
        const cover = equal === undefined ? 'some' : equal ? 'all' : 'none';
        return op === '=' ? cover : not(cover);
      }
      case ':':
        // "has": the value appears in the name. The decoded spelling too, since a log id holds a slash.
        return name.includes(text) || decodeURIComponent(name).includes(text) ? 'all' : 'none';
      default:
        return 'some';
    }
  }
}

const decode = (text: string) => {
  try {
    return decodeURIComponent(text).toLowerCase();
  } catch {
    return text.toLowerCase();
  }
};

/**
 * Whether a logName value names the log. A different log id is another log whatever the project; the same id in
 * a project written another way (its number for its id) cannot be told apart here, so it is left undecided.
 */
function sameLogName(value: string, name: string, log: LogOf): boolean | undefined {
  const match = /^projects\/([^/]+)\/logs\/(.+)$/.exec(value);
  if (!match) return undefined;
  if (decode(match[2]!) !== log.logId.toLowerCase()) return false;
  return match[1] === log.project.toLowerCase() ? value === name || decode(value) === decode(name) : undefined;
}
