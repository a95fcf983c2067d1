import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { TABLES } from './tables/index.js';

/** The "In force when" lines of a check folder's README: each a condition, its source and the cases that hold it. */
function inForceLines(id: string): string[] {
  const readme = join(import.meta.dirname, '../../src/checks', ...id.split(/\.(.*)/s, 2), 'README.md');
  if (!existsSync(readme)) return [];
  const text = readFileSync(readme, 'utf8');
  const section = /^## In force when\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text)?.[1] ?? '';
  return section.split('\n').filter((line) => line.startsWith('- '));
}

describe('each check says when its control is in force, and a case of its table holds each line', () => {
  it.each(CHECKS.map((c) => [c.id] as const))('%s', (id) => {
    const lines = inForceLines(id);
    expect(lines.length, `src/checks/${id.replace('.', '/')}/README.md has no "In force when" lines`).toBeGreaterThan(
      0,
    );
    const cases = new Set((TABLES.find(([check]) => check.id === id)?.[1] ?? []).map((c) => c.name));
    for (const line of lines) {
      expect(line, 'each line names its source').toMatch(/ Source: \S.* Cases: /);
      const named = [...(line.split(' Cases: ')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      expect(named.length, line).toBeGreaterThan(0);
      for (const name of named) expect(cases.has(name), `${id}: no case named "${name}"`).toBe(true);
    }
  });
});
