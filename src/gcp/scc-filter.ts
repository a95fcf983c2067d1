/**
 * The subset of Security Command Center's filter language (AIP-160) that gtp sends or a world may hold:
 * comparisons of a field with a quoted string (`=`, `!=`, and `:` for "has", a substring of a string field),
 * negation (`NOT x` or `-x`), AND and OR, with parentheses. As the language documents, OR binds tighter than AND:
 * `a AND b OR c` is `a AND (b OR c)`. Fields are the API's snake_case names (finding_class, state, mute, severity,
 * category, resource_name), read from the camelCase JSON.
 */
type Node =
  | { op: 'and' | 'or'; left: Node; right: Node }
  | { op: 'not'; operand: Node }
  | { op: '=' | '!=' | ':'; field: string; value: string };

export function parseSccFilter(filter: string): Node {
  const tokens = filter.match(/\(|\)|!=|=|:|-|"(?:[^"\\]|\\.)*"|[A-Za-z_][\w.]*/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const token = tokens[i++];
    if (token === undefined) throw new Error(`unexpected end of filter: ${filter}`);
    return token;
  };
  const primary = (): Node => {
    if (peek() === 'NOT' || peek() === '-') {
      next();
      return { op: 'not', operand: primary() };
    }
    if (peek() === '(') {
      next();
      const inner = conjunction();
      if (next() !== ')') throw new Error(`expected ) in filter: ${filter}`);
      return inner;
    }
    const field = next();
    const op = next();
    if (op !== '=' && op !== '!=' && op !== ':')
      throw new Error(`expected =, != or : after ${field} in filter: ${filter}`);
    const literal = next();
    if (!literal.startsWith('"')) throw new Error(`expected a quoted value after ${field}${op} in filter: ${filter}`);
    return { op, field, value: JSON.parse(literal) as string };
  };
  // OR binds tighter than AND (AIP-160): a conjunction of disjunctions.
  const disjunction = (): Node => {
    let left = primary();
    while (peek() === 'OR') {
      next();
      left = { op: 'or', left, right: primary() };
    }
    return left;
  };
  const conjunction = (): Node => {
    let left = disjunction();
    while (peek() === 'AND') {
      next();
      left = { op: 'and', left, right: disjunction() };
    }
    return left;
  };
  const tree = conjunction();
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]} in filter: ${filter}`);
  return tree;
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function fieldValue(finding: Record<string, unknown>, field: string): string | undefined {
  let value: unknown = finding;
  for (const part of field.split('.')) value = (value as Record<string, unknown> | undefined)?.[camel(part)];
  return value === undefined || value === null ? undefined : String(value);
}

export function matchesSccFilter(finding: Record<string, unknown>, node: Node): boolean {
  switch (node.op) {
    case 'and':
      return matchesSccFilter(finding, node.left) && matchesSccFilter(finding, node.right);
    case 'or':
      return matchesSccFilter(finding, node.left) || matchesSccFilter(finding, node.right);
    case '=':
      return fieldValue(finding, node.field) === node.value;
    case '!=':
      return fieldValue(finding, node.field) !== node.value;
    case ':':
      return fieldValue(finding, node.field)?.includes(node.value) ?? false;
    case 'not':
      return !matchesSccFilter(finding, node.operand);
  }
}
