import { CelScalar, celEnv, isCelError, isCelList, isCelMap, parse, plan, type CelInput } from '@bufbuild/cel';

/** The one variable a probe's conditions read: the list item being judged. */
const VARIABLE = 'resource';
type Expr = ReturnType<typeof parse>['expr'];
const ENV = celEnv({ variables: { [VARIABLE]: CelScalar.DYN } });

/** Where in the expression a problem is: a 1-based column on a 1-based line of the expression's own text. */
export interface CelProblem {
  line: number;
  column: number;
  message: string;
}

/** A list item as CEL reads it: converted once, then judged by every condition of the probes that read it. */
export type CelItem = { readonly cel: unknown };
export type CompiledCondition = (resource: CelItem) => { value: boolean } | { error: string };

/**
 * Functions and operators whose result is a bool in CEL's standard definitions (the comparison and logical
 * operators, `in`, the string tests and the list macros). A condition must end in one of them, or in a literal
 * true or false: a bare field (`resource.enabled`) could hold anything and is refused with a hint.
 */
const BOOLEAN_CALLS = new Set([
  '_==_',
  '_!=_',
  '_<_',
  '_<=_',
  '_>_',
  '_>=_',
  '_&&_',
  '_||_',
  '!_',
  '@in',
  'startsWith',
  'endsWith',
  'contains',
  'matches',
  '@not_strictly_false',
]);

function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Whether an expression surely yields a bool, by its outermost form. */
function yieldsBool(expr: Expr): boolean {
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'constExpr':
      return kind.value.constantKind.case === 'boolValue';
    case 'selectExpr':
      return kind.value.testOnly; // has(resource.field)
    case 'comprehensionExpr': {
      // all(), exists() and exists_one() fold into a bool accumulator; map() and filter() into a list.
      const result = kind.value.result;
      const init = kind.value.accuInit?.exprKind;
      return (
        (init?.case === 'constExpr' && init.value.constantKind.case === 'boolValue') ||
        (result?.exprKind.case === 'callExpr' && BOOLEAN_CALLS.has(result.exprKind.value.function))
      );
    }
    case 'callExpr': {
      const call = kind.value;
      if (call.function === '_?_:_') return call.args.slice(1).every(yieldsBool);
      return BOOLEAN_CALLS.has(call.function);
    }
    default:
      return false;
  }
}

/** Identifiers the expression reads that no comprehension binds: each must be `resource`. */
function unknownIdentifiers(expr: Expr, bound: ReadonlySet<string>, out: { id: bigint; name: string }[]): void {
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'identExpr':
      if (kind.value.name !== VARIABLE && !bound.has(kind.value.name)) out.push({ id: expr.id, name: kind.value.name });
      return;
    case 'selectExpr':
      if (kind.value.operand) unknownIdentifiers(kind.value.operand, bound, out);
      return;
    case 'callExpr':
      if (kind.value.target) unknownIdentifiers(kind.value.target, bound, out);
      kind.value.args.forEach((a) => unknownIdentifiers(a, bound, out));
      return;
    case 'listExpr':
      kind.value.elements.forEach((e) => unknownIdentifiers(e, bound, out));
      return;
    case 'structExpr':
      kind.value.entries.forEach((e) => {
        if (e.keyKind.case === 'mapKey') unknownIdentifiers(e.keyKind.value, bound, out);
        if (e.value) unknownIdentifiers(e.value, bound, out);
      });
      return;
    case 'comprehensionExpr': {
      const c = kind.value;
      if (c.iterRange) unknownIdentifiers(c.iterRange, bound, out);
      if (c.accuInit) unknownIdentifiers(c.accuInit, bound, out);
      const inner = new Set([...bound, c.iterVar, c.accuVar, ...(c.iterVar2 ? [c.iterVar2] : [])]);
      for (const part of [c.loopCondition, c.loopStep, c.result]) if (part) unknownIdentifiers(part, inner, out);
      return;
    }
    default:
      return;
  }
}

/**
 * Compiles a condition, or returns where and why it is not one: it must parse, read no variable but `resource`,
 * and yield a bool. Nothing is read from Google before every condition of the register compiles.
 */
export function compileCondition(text: string): CompiledCondition | CelProblem {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text);
  } catch (error) {
    const e = error as { message: string; location?: { start?: { line: number; column: number } } };
    const start = e.location?.start;
    const message = e.message.replace(/^<input>:\d+:\d+:\s*/, '');
    return { line: start?.line ?? 1, column: start?.column ?? 1, message: `not CEL: ${message}` };
  }
  const positions = parsed.sourceInfo?.positions ?? {};
  const at = (id: bigint) => offsetToPosition(text, positions[id.toString() as never] ?? 0);
  const unknown: { id: bigint; name: string }[] = [];
  unknownIdentifiers(parsed.expr, new Set(), unknown);
  if (unknown.length > 0)
    return {
      ...at(unknown[0]!.id),
      message: `unknown variable ${unknown[0]!.name}: a condition reads one list item, named ${VARIABLE}`,
    };
  if (!yieldsBool(parsed.expr))
    return {
      ...at(parsed.expr.id),
      message: `does not yield true or false${parsed.expr.exprKind.case === 'selectExpr' ? ` (a field may hold anything: compare it, as in ${VARIABLE}.enabled == true)` : ''}`,
    };
  const evaluate = plan(ENV, parsed);
  return (resource) => {
    const result = evaluate({ [VARIABLE]: resource.cel as CelInput });
    if (isCelError(result)) return { error: result.message };
    if (typeof result !== 'boolean') return { error: `yielded ${describe(result)}, not true or false` };
    return { value: result };
  };
}

export const isProblem = (c: CompiledCondition | CelProblem): c is CelProblem => typeof c !== 'function';

/**
 * JSON as CEL reads it: objects become maps (a missing key is an error unless `has()` asks for it), numbers doubles,
 * int64 fields stay the strings the REST API sends (`int(resource.count)` reads them).
 */
export const celItem = (value: unknown): CelItem => ({ cel: toCel(value) });

function toCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object')
    return new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toCel(v)]));
  return value;
}

function describe(value: unknown): string {
  if (isCelMap(value)) return 'a map';
  if (isCelList(value)) return 'a list';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : String(value);
}
