import { describe, expect, it } from 'vitest';
import { parseRegister } from '../../src/matrix/load.js';
import { overridesNamingNothing, registerFor } from '../../src/org/overrides.js';

const REGISTER = `version: 1
title: t
resources: { terraformStateBucket: org-tfstate }
tables: [{ id: infra, title: Infra }]
risks:
  - id: zone-failure
    table: infra
    category: c
    title: Zone failure
    probability: 2
    impact: 3
    status: mitigated
    existing: { text: HA, checks: [] }
overrides:
  - project: team-a-prod
    settings: { drillWindowDays: 7 }
  - folder: "300"
    resources: { terraformStateBucket: team-tfstate }
    settings: { drillWindowDays: 14, sccGracePeriodDays: 3 }
  - folder: "200"
    resources: { terraformStateBucket: platform-tfstate }
    attestations:
      zone-failure:
        existing: { by: sre, date: 2026-11-01, evidence: https://example.com/ha, expires: 2027-11-01 }
`;

describe('registerFor: the register as it holds for one project', () => {
  const { register } = parseRegister(REGISTER, 'risks.yaml');
  const place = (projectId: string, ...folders: string[]) => ({
    projectId,
    path: ['organizations/1', ...folders.map((f) => `folders/${f}`)],
  });

  it('the nearer folder wins over the outer one, and the project over both', () => {
    const team = registerFor(register, place('team-a-prod', '200', '300'));
    expect(team.resources.terraformStateBucket).toBe('team-tfstate');
    expect(team.settings).toEqual({ drillWindowDays: 7, sccGracePeriodDays: 3 });
    expect(team.risks[0]!.existing!.attestation?.by).toBe('sre');
  });

  it('a project outside every overridden folder keeps the organization register', () => {
    const other = registerFor(register, place('other', '999'));
    expect(other).toBe(register);
    expect(other.resources.terraformStateBucket).toBe('org-tfstate');
  });

  it('a folder override reaches its projects at any depth, and no other', () => {
    expect(registerFor(register, place('deep', '200', '201', '202')).resources.terraformStateBucket).toBe(
      'platform-tfstate',
    );
    expect(registerFor(register, place('sibling', '201')).resources.terraformStateBucket).toBe('org-tfstate');
  });
});

describe('overridesNamingNothing: an override that reaches no project of the scope is said, not dropped', () => {
  const { register } = parseRegister(REGISTER, 'risks.yaml');
  it('names each override whose folder or project is not in the scope', () => {
    const scope = {
      scope: 'organizations/1',
      folders: { 'folders/200': 'platform' },
      projects: [{ projectId: 'team-b-prod', path: ['organizations/1', 'folders/200'] }],
      skipped: [],
    };
    expect(overridesNamingNothing(register, scope).map((s) => s.message)).toEqual([
      'overrides[0]: project team-a-prod is not in organizations/1: the override reaches nothing',
      'overrides[1]: folders/300 is not in organizations/1: the override reaches nothing',
    ]);
    expect(
      overridesNamingNothing(register, {
        ...scope,
        folders: { ...scope.folders, 'folders/300': 'team' },
        skipped: [{ projectId: 'team-a-prod' }],
      }),
    ).toEqual([]);
  });
});
