import { parse } from '@bufbuild/cel';

type Expr = ReturnType<typeof parse>['expr'];

/**
 * Every field path a condition reads from `resource`, as the list of names it follows; `[]` stands for an element
 * of a list a macro iterates (`resource.allowed.all(a, a.ports…)` reads allowed[].ports).
 */
export function fieldsRead(condition: string): string[][] {
  const paths: string[][] = [];
  const pathOf = (expr: Expr | undefined, bound: ReadonlyMap<string, string[] | undefined>): string[] | undefined => {
    const kind = expr?.exprKind;
    if (kind?.case === 'identExpr') return kind.value.name === 'resource' ? [] : bound.get(kind.value.name);
    if (kind?.case === 'selectExpr') {
      const base = pathOf(kind.value.operand, bound);
      return base ? [...base, kind.value.field] : undefined;
    }
    return undefined;
  };
  const visit = (expr: Expr | undefined, bound: ReadonlyMap<string, string[] | undefined>): void => {
    const kind = expr?.exprKind;
    if (!kind) return;
    if (kind.case === 'selectExpr') {
      const path = pathOf(expr, bound);
      if (path) paths.push(path);
      else visit(kind.value.operand, bound);
    } else if (kind.case === 'callExpr') {
      visit(kind.value.target, bound);
      kind.value.args.forEach((a) => visit(a, bound));
    } else if (kind.case === 'listExpr') kind.value.elements.forEach((e) => visit(e, bound));
    else if (kind.case === 'comprehensionExpr') {
      const c = kind.value;
      visit(c.iterRange, bound);
      const range = pathOf(c.iterRange, bound);
      const inner = new Map(bound);
      inner.set(c.iterVar, range ? [...range, '[]'] : undefined);
      inner.set(c.accuVar, undefined);
      for (const part of [c.loopCondition, c.loopStep, c.result]) visit(part, inner);
    }
  };
  visit(parse(condition).expr, new Map());
  return paths;
}
