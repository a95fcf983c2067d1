import { createRequire } from 'node:module';
import type { Node, Parser } from 'web-tree-sitter';

/**
 * Terraform files read with tree-sitter's HCL grammar (the grammar's own WebAssembly build, run by the official
 * web-tree-sitter runtime): a full HCL parser with positions, loaded in ~30 ms and a few MB, where the Go HCL
 * library compiled to WebAssembly took ~0.2 s and ~80 MB of every audit that met a .tf file.
 */
let parser: Promise<Parser> | undefined;

function hclParser(): Promise<Parser> {
  parser ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const require = createRequire(import.meta.url);
    const hcl = await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'));
    const instance = new Parser();
    instance.setLanguage(hcl);
    return instance;
  })();
  return parser;
}

/** Where a file stops being HCL: its first syntax error or missing token (1-based). */
export interface HclSyntaxError {
  line: number;
  column: number;
}

export interface GcsBackend {
  line: number;
  /** The bucket when it is a plain string; absent when it is computed (`"${var.x}"`, a variable). */
  bucket?: string;
}

const firstError = (node: Node): Node | undefined => {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const child of node.children) if (child?.hasError || child?.isMissing) return firstError(child) ?? child;
  return undefined;
};

/** A string literal with no interpolation or escape: its text; anything else is not a literal. */
function literal(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'expression' || node.type === 'literal_value') return literal(node.namedChildren[0]);
  if (node.type !== 'string_lit') return undefined;
  const parts = node.namedChildren.filter((c) => c !== null);
  const inner = parts.filter((c) => c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end');
  if (inner.length === 0) return '';
  if (inner.length !== 1 || inner[0]!.type !== 'template_literal' || inner[0]!.text.includes('\\')) return undefined;
  return inner[0]!.text;
}

const blocksOf = (body: Node | null | undefined): Node[] =>
  (body?.namedChildren ?? []).filter((c): c is Node => c?.type === 'block');
const bodyOf = (block: Node): Node | undefined => block.namedChildren.find((c): c is Node => c?.type === 'body');
const typeOf = (block: Node): string | undefined => block.namedChildren[0]?.text;
const labelsOf = (block: Node): (string | undefined)[] =>
  block.namedChildren
    .slice(1)
    .filter((c): c is Node => c?.type === 'string_lit' || c?.type === 'identifier')
    .map(literal);

/** `terraform { backend "gcs" { bucket = "…" } }` blocks of one file, or where it is not valid HCL. */
export async function gcsBackendsIn(text: string): Promise<{ backends: GcsBackend[] } | { error: HclSyntaxError }> {
  const tree = (await hclParser()).parse(text);
  if (!tree) throw new Error('the HCL parser gave no tree');
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const at = firstError(root) ?? root;
      // An error that spans the whole file (an unclosed block) is found where the file ends.
      const where = at.startIndex === 0 && at.endIndex >= text.trimEnd().length ? at.endPosition : at.startPosition;
      return { error: { line: where.row + 1, column: where.column + 1 } };
    }
    const top = root.namedChildren.find((c): c is Node => c?.type === 'body');
    const backends: GcsBackend[] = [];
    for (const terraform of blocksOf(top).filter((b) => typeOf(b) === 'terraform'))
      for (const backend of blocksOf(bodyOf(terraform))) {
        if (typeOf(backend) !== 'backend' || labelsOf(backend)[0] !== 'gcs') continue;
        const bucket = bodyOf(backend)
          ?.namedChildren.filter((c): c is Node => c?.type === 'attribute')
          .find((a) => a.namedChildren[0]?.text === 'bucket');
        const value = literal(bucket?.namedChildren.find((c) => c?.type === 'expression'));
        backends.push({ line: backend.startPosition.row + 1, ...(value ? { bucket: value } : {}) });
      }
    return { backends };
  } finally {
    tree.delete();
  }
}
