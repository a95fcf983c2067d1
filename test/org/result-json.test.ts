import { describe, expect, it } from 'vitest';
import type { OrgResult } from '../../src/org/result.js';
import { orgJsonChunks } from '../../src/org/result-json.js';

const project = (id: string, extra: Record<string, unknown> = {}) => ({
  projectId: id,
  path: ['organizations/1', 'folders/2'],
  gate: 'failed',
  reasons: ['drift: "x"\nsecond line \u2028 ✓', '\u001b[31m'],
  summary: { risks: 2, mitigated: 1, unmitigated: 1, drift: 0 },
  risks: [{ id: 'r', status: 'mitigated', drift: false, residualScore: 1.5 }],
  checks: [],
  ...extra,
});

/** Cast: the writer must give JSON.stringify's text for whatever the object holds, typed or not. */
const asResult = (value: Record<string, unknown>) => value as unknown as OrgResult;

describe('the organization report as JSON, a project at a time', () => {
  it.each([
    [
      'many projects',
      { schemaVersion: 1, kind: 'organization', projects: [project('a'), project('b'), project('c')], tail: { x: [] } },
    ],
    ['no project', { schemaVersion: 1, projects: [], warnings: [] }],
    [
      'projects last, with undefined and nested empty values',
      { a: undefined, b: null, c: {}, d: [[]], projects: [project('a', { note: undefined })] },
    ],
    ['nothing at all', {}],
  ])('%s: byte for byte JSON.stringify(result, null, 2) and a newline', (_name, value) => {
    const chunks = [...orgJsonChunks(asResult(value))];
    expect(chunks.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('never holds the whole: each project is its own piece', () => {
    const projects = Array.from({ length: 50 }, (_, i) => project(`p${i}`));
    const chunks = [...orgJsonChunks(asResult({ projects }))];
    expect(chunks.length).toBeGreaterThan(50);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(JSON.stringify(projects[0], null, 2).length * 2);
  });
});

describe('the JSON writer, as it goes', () => {
  it('never stringifies the projects whole, not even to test them', () => {
    const projects = Array.from({ length: 20 }, (_, i) => project(`p${i}`));
    const whole = JSON.stringify(projects, null, 2);
    const stringify = JSON.stringify;
    const seen: number[] = [];
    JSON.stringify = ((value: unknown, ...rest: unknown[]) => {
      const text = (stringify as (...a: unknown[]) => string)(value, ...rest);
      seen.push(text?.length ?? 0);
      return text;
    }) as typeof JSON.stringify;
    let written = '';
    try {
      for (const chunk of orgJsonChunks(asResult({ projects }))) written += chunk;
    } finally {
      JSON.stringify = stringify;
    }
    expect(written).toBe(`${JSON.stringify({ projects }, null, 2)}\n`);
    expect(Math.max(...seen)).toBeLessThan(whole.length / 10);
  });
});
