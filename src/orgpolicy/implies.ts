import { parse } from '@bufbuild/cel';
import type { Guardrail } from './guardrails.js';

type Expr = ReturnType<typeof parse>['expr'];

/**
 * A CEL condition in a normal form for comparison: `x == true` and `true == x` are `x`, `a != b` is `!(a == b)`,
 * the operands of `==` are ordered, and `&&` and `||` are flattened. Anything else is printed as it is, so two
 * conditions are only taken as equal where they are so by these rules, never by a guess.
 */
type Node =
  | { kind: 'and' | 'or'; terms: Node[] }
  | { kind: 'not'; term: Node }
  | { kind: 'eq'; left: string; right: string }
  | { kind: 'atom'; text: string };

function literal(expr: Expr): string | undefined {
  if (expr.exprKind.case !== 'constExpr') return undefined;
  const constant = expr.exprKind.value.constantKind;
  switch (constant.case) {
    case 'boolValue':
      return String(constant.value);
    case 'stringValue':
      return JSON.stringify(constant.value);
    case 'int64Value':
    case 'uint64Value':
    case 'doubleValue':
      return String(constant.value);
    case 'nullValue':
      return 'null';
    default:
      return undefined;
  }
}

/** A field path (`resource.a.b`) or a literal, printed; undefined for anything else. */
function operand(expr: Expr): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === 'identExpr') return kind.value.name;
  if (kind.case === 'selectExpr' && !kind.value.testOnly && kind.value.operand) {
    const base = operand(kind.value.operand);
    return base === undefined ? undefined : `${base}.${kind.value.field}`;
  }
  return literal(expr);
}

const isBoolLiteral = (text: string) => text === 'true' || text === 'false';

function normal(expr: Expr): Node {
  const kind = expr.exprKind;
  if (kind.case === 'callExpr' && !kind.value.target) {
    const { function: fn, args } = kind.value;
    if ((fn === '_&&_' || fn === '_||_') && args.length === 2) {
      const join = fn === '_&&_' ? 'and' : 'or';
      const terms = args.map(normal).flatMap((t) => (t.kind === join ? t.terms : [t]));
      return { kind: join, terms };
    }
    if (fn === '!_' && args.length === 1) {
      const inner = normal(args[0]!);
      return inner.kind === 'not' ? inner.term : { kind: 'not', term: inner };
    }
    if ((fn === '_==_' || fn === '_!=_') && args.length === 2) {
      const [a, b] = args.map(operand);
      if (a !== undefined && b !== undefined) {
        // `x == true` is `x`; `x == false` is left as it is: a field that is not set may not read as false.
        const comparison: Node =
          b === 'true' && !isBoolLiteral(a)
            ? { kind: 'atom', text: a }
            : a === 'true' && !isBoolLiteral(b)
              ? { kind: 'atom', text: b }
              : { kind: 'eq', left: a < b ? a : b, right: a < b ? b : a };
        return fn === '_==_' ? comparison : { kind: 'not', term: comparison };
      }
    }
  }
  const path = operand(expr);
  return { kind: 'atom', text: path ?? `<${kind.case ?? 'empty'} ${String(expr.id)}>` };
}

const print = (node: Node): string => {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.terms.map(print).join(node.kind === 'and' ? ' && ' : ' || ')})`;
    case 'not':
      return `!${print(node.term)}`;
    case 'eq':
      return `${node.left} == ${node.right}`;
    case 'atom':
      return node.text;
  }
};

/** A custom constraint as Organization Policy v2 returns it (GoogleCloudOrgpolicyV2CustomConstraint). */
export interface CustomConstraint {
  name?: string;
  resourceTypes?: string[];
  methodTypes?: string[];
  condition?: string;
  actionType?: string;
  displayName?: string;
}

export type Implication = { implies: true } | { implies: false; why: string };

/**
 * Whether a custom constraint, wherever enforced, stops every create and update that breaks the guardrail's
 * rule. Decided only where it surely does:
 * - it applies to the guardrail's resource type, on CREATE and on UPDATE (a constraint on CREATE alone lets an
 *   update turn the setting off);
 * - ALLOW: the rule is the condition or one of its top-level `&&` terms (the constraint then allows nothing the
 *   rule forbids);
 * - DENY: the rule's negation is the condition or one of its top-level `||` terms.
 * Any other condition may or may not imply the rule; gtp does not prove CEL, so it says which form it found.
 */
export function implies(constraint: CustomConstraint, guardrail: Guardrail): Implication {
  const types = constraint.resourceTypes ?? [];
  if (!types.includes(guardrail.resourceType))
    return {
      implies: false,
      why: `applies to ${types.join(', ') || 'no resource type'}, not ${guardrail.resourceType}`,
    };
  const methods = constraint.methodTypes ?? [];
  const missing = ['CREATE', 'UPDATE'].filter((m) => !methods.includes(m));
  if (missing.length > 0)
    return {
      implies: false,
      why: `narrower: it is not applied on ${missing.join(' or ')}, so a resource can be ${missing.includes('CREATE') ? 'created' : 'changed'} without the rule`,
    };
  let condition: Node;
  try {
    condition = normal(parse(constraint.condition ?? '').expr!);
  } catch (error) {
    return { implies: false, why: `its condition is not CEL gtp can parse: ${(error as Error).message}` };
  }
  const rule = normal(parse(guardrail.condition).expr!);
  const terms = (node: Node, join: 'and' | 'or') => (node.kind === join ? node.terms : [node]).map(print);
  if (constraint.actionType === 'ALLOW') {
    if (terms(condition, 'and').includes(print(rule))) return { implies: true };
    return {
      implies: false,
      why: `ALLOW ${JSON.stringify(constraint.condition ?? '')} does not require ${guardrail.condition} as a whole condition or an && term`,
    };
  }
  if (constraint.actionType === 'DENY') {
    if (terms(condition, 'or').includes(print({ kind: 'not', term: rule }))) return { implies: true };
    return {
      implies: false,
      why: `DENY ${JSON.stringify(constraint.condition ?? '')} does not deny !(${guardrail.condition}) as a whole condition or an || term`,
    };
  }
  return { implies: false, why: `action type ${constraint.actionType ?? 'unset'} is neither ALLOW nor DENY` };
}
