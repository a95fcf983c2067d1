import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths.js';

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every module of src/ with the src/ modules it imports (statically, dynamically, or for types only). */
const GRAPH: ReadonlyMap<string, string[]> = new Map(
  sourceFiles(SRC).map((file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)\.js'/g)].map((m) =>
      relative(SRC, normalize(join(dirname(file), `${m[1]!}.ts`))),
    );
    return [relative(SRC, file), imports];
  }),
);

const importsUnder = (from: string, to: string) =>
  [...GRAPH].flatMap(([file, imports]) =>
    file.startsWith(from) ? imports.filter((i) => i.startsWith(to)).map((i) => `${file} → ${i}`) : [],
  );

describe('the layers', () => {
  it('reads the import graph (a check imports its model)', () => {
    expect(GRAPH.size).toBeGreaterThan(100);
    expect(GRAPH.get('checks/sql/pitr/check.ts')).toContain('gcp/model/sql.ts');
  });

  it('the emulator states Google behaviour on its own: it imports no check, model rule, audit or Terraform code', () => {
    for (const layer of ['checks/', 'gcp/model/', 'audit/', 'terraform/', 'drill/'])
      expect(importsUnder('emulator/', layer)).toEqual([]);
  });

  it('the model layer sits below the checks: it imports none of them', () => {
    expect(importsUnder('gcp/', 'checks/')).toEqual([]);
  });

  it('no module imports itself back through others (no import circle)', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of GRAPH.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of GRAPH.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });
});
