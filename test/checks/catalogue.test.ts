import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { CHECK_IDS } from '../../src/checks/ids.js';
import { permissionsOf } from '../../src/gcp/collections.js';
import { ROOT } from '../helpers/paths.js';

const CHECKS_DIR = join(ROOT, 'src/checks');
const folderOf = (id: string) => join(CHECKS_DIR, ...id.split('.'));

describe('check catalogue', () => {
  it('has unique ids of the form service.question', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+\.[a-z-]+$/);
  });

  it('is named in full by the light id list the register commands load', () => {
    expect([...CHECK_IDS].sort()).toEqual(CHECKS.map((c) => c.id).sort());
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

  it.each(CHECKS.map((c) => [c.id, c] as const))(
    '%s has a Terraform generator in its folder, or says why its fix is operational',
    (id, check) => {
      const { remediation } = check;
      if ('terraform' in remediation) {
        expect(typeof remediation.terraform.generate).toBe('function');
        // A generator of its own, or its service's shared one (Cloud SQL settings are written together).
        expect(existsSync(join(folderOf(id), 'terraform.ts')) || remediation.terraform.group !== undefined).toBe(true);
      } else {
        expect(remediation.operational.length).toBeGreaterThan(20);
        expect(existsSync(join(folderOf(id), 'terraform.ts'))).toBe(false);
      }
    },
  );

  it('a check is a folder src/checks/<service>/<name>/ with check.ts, and every such folder is in the catalogue', () => {
    const folders = readdirSync(CHECKS_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((service) =>
        readdirSync(join(CHECKS_DIR, service.name), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((check) => `${service.name}.${check.name}`),
      )
      .sort();
    expect(folders).toEqual(CHECKS.map((c) => c.id).sort());
    for (const id of folders) expect(existsSync(join(folderOf(id), 'check.ts')), id).toBe(true);
  });
});
