import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { permissionsOf } from '../../src/gcp/collections.js';

describe('check catalogue', () => {
  it('has unique ids of the form service.question', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+\.[a-z-]+$/);
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))(
    '%s lists exactly the permissions its collections need',
    (_id, check) => {
      const needed = [...new Set(check.collects.flatMap((c) => permissionsOf(c)))].sort();
      expect([...check.permissions].sort()).toEqual(needed);
    },
  );

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s says how to fix a failure', (_id, check) => {
    expect(check.remediation.text.length).toBeGreaterThan(20);
  });
});
