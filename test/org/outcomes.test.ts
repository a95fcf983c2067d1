import { describe, expect, it } from 'vitest';
import { SpooledOutcomes } from '../../src/org/outcomes.js';
import { orgJsonChunks } from '../../src/org/result-json.js';
import type { OrgReport, ProjectOutcome } from '../../src/org/result.js';
import { FileSpool, MemorySpool, type Spool } from '../../src/util/spool.js';

const outcome = (projectId: string, gate: ProjectOutcome['gate'] = 'passed'): ProjectOutcome => ({
  projectId,
  path: ['organizations/1', 'folders/2'],
  gate,
  reasons: gate === 'passed' ? [] : [`"${projectId}" \u2028 ✓ \u001b[31m`],
  summary: {
    risks: 1,
    mitigated: 1,
    unmitigated: 0,
    unverified: 0,
    attested: 0,
    declared: 0,
    drift: 0,
    maxResidualScore: 1.5,
  },
  risks: [{ id: 'r', status: 'mitigated', drift: false, residualScore: 1.5 }],
  checks: [{ id: 'sql.backups', outcome: 'pass', failing: 0 }],
});

describe.each([
  ['on disk', () => new FileSpool()],
  ['in memory', () => new MemorySpool()],
] as [string, () => Spool][])('project outcomes waiting in a spool %s', (_where, open) => {
  it('read back in the scope’s order, whatever order the projects finished in', () => {
    const spool = open();
    const ids = ['p0', 'p1', 'p2', 'p3', 'p4'];
    const outcomes = new SpooledOutcomes(spool, ids.length);
    for (const i of [3, 0, 4, 2, 1]) outcomes.set(i, outcome(ids[i]!, i === 2 ? 'failed' : 'passed'));
    expect([...outcomes].map((o) => o.projectId)).toEqual(ids);
    expect(outcomes.at(2)).toEqual(outcome('p2', 'failed'));
    expect(outcomes.at(-1)?.projectId).toBe('p4');
    spool.close();
  });

  it('refuses a project judged twice, or a place outside the scope', () => {
    const spool = open();
    const outcomes = new SpooledOutcomes(spool, 2);
    outcomes.set(0, outcome('a'));
    expect(() => outcomes.set(0, outcome('a'))).toThrow(/judged twice/);
    expect(() => outcomes.set(2, outcome('c'))).toThrow(RangeError);
    spool.close();
  });

  it('never reads as a shorter report when a project has no outcome', () => {
    const spool = open();
    const outcomes = new SpooledOutcomes(spool, 3);
    outcomes.set(0, outcome('a'));
    outcomes.set(2, outcome('c'));
    expect(() => [...outcomes]).toThrow(/project 1 of 3 has no outcome/);
    spool.close();
  });

  it('writes the same JSON report as the projects in an array', () => {
    const spool = open();
    const projects = [outcome('a'), outcome('b', 'failed'), outcome('c', 'unverified')];
    const outcomes = new SpooledOutcomes(spool, projects.length);
    projects.forEach((p, i) => outcomes.set(i, p));
    const envelope = { schemaVersion: 1, kind: 'organization', summary: { projects: 3 } };
    const fromSpool = [...orgJsonChunks({ ...envelope, projects: outcomes } as unknown as OrgReport)].join('');
    expect(fromSpool).toBe(`${JSON.stringify({ ...envelope, projects }, null, 2)}\n`);
    const none = new SpooledOutcomes(spool, 0);
    expect([...orgJsonChunks({ ...envelope, projects: none } as unknown as OrgReport)].join('')).toBe(
      `${JSON.stringify({ ...envelope, projects: [] }, null, 2)}\n`,
    );
    spool.close();
  });
});
