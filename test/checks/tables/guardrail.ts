import guardrailBinauthzEnforced from '../../../src/checks/guardrail/binauthz-enforced/check.js';
import guardrailSqlDeletionProtection from '../../../src/checks/guardrail/sql-deletion-protection/check.js';
import guardrailSqlHighAvailability from '../../../src/checks/guardrail/sql-high-availability/check.js';
import type { CheckDefinition } from '../../../src/checks/types.js';
import type { World } from '../../../src/gcp/world.js';
import { GUARDRAIL_BY_CHECK, type Guardrail } from '../../../src/orgpolicy/guardrails.js';
import { DENIED, withError, type CheckCase } from '../../helpers/check-table.js';
import { KEY } from '../../fixtures/keys.js';

/**
 * Each guardrail check judged over the same kinds of organization: the cases are written from Google's pages on
 * custom constraints (organization-policy/create-custom-constraints: "Creating a custom constraint itself does NOT
 * apply any policy enforcement"), dry-run policies (organization-policy/test-policies: "violations of the policy
 * are audit logged, but the violating actions aren't denied") and hierarchy evaluation
 * (resource-manager/docs/organization-policy/understanding-hierarchy: a policy set lower, or `reset`, replaces the
 * one inherited; the effective policy is the result).
 */
const ORG = 'organizations/111111111111';
const FOLDER = 'folders/222222222222';

interface Constraint {
  id: string;
  condition: string;
  action?: 'ALLOW' | 'DENY';
  methods?: string[];
  types?: string[];
}

interface Policies {
  /** What Google's getEffectivePolicy answers at the project (the hierarchy already merged). */
  effective: object;
  set?: Partial<Record<'project' | 'folder' | 'organization', object>>;
}

function organizationWorld(
  guardrail: Guardrail,
  constraints: Constraint[],
  policies: Record<string, Policies> = {},
  parent: string = FOLDER,
): World {
  const world: World = {
    [KEY.project]: { name: 'projects/123456789012', projectId: 'acme-prod', parent },
    [KEY.folder('222222222222')]: { name: FOLDER, parent: ORG },
    [`orgpolicy.googleapis.com/v2/${ORG}/customConstraints`]: constraints.map((c) => ({
      name: `${ORG}/customConstraints/${c.id}`,
      resourceTypes: c.types ?? [guardrail.resourceType],
      methodTypes: c.methods ?? ['CREATE', 'UPDATE'],
      condition: c.condition,
      actionType: c.action ?? 'ALLOW',
    })),
  };
  for (const [id, p] of Object.entries(policies)) {
    world[KEY.orgPolicyEffective('acme-prod', id)] = { name: `projects/123456789012/policies/${id}`, ...p.effective };
    const levels = { project: 'projects/acme-prod', folder: FOLDER, organization: ORG } as const;
    for (const [level, policy] of Object.entries(p.set ?? {}))
      world[KEY.orgPolicy(levels[level as keyof typeof levels], id)] = {
        name: `${levels[level as keyof typeof levels]}/policies/${id}`,
        ...policy,
      };
  }
  return world;
}

const ENFORCED = { spec: { rules: [{ enforce: true }] } };
const enforcedAtOrganization = (id: string): Record<string, Policies> => ({
  [id]: { effective: ENFORCED, set: { organization: ENFORCED } },
});

/** The rule's field and value, negated as a DENY constraint would write it (`a == b` → `a != b`). */
const negated = (condition: string) => condition.replace(' == ', ' != ');

function cases(guardrail: Guardrail): CheckCase[] {
  const rule = guardrail.condition;
  const field = rule.split(' ')[0]!;
  return [
    {
      name: 'an ALLOW constraint with the rule, enforced at the organization',
      world: organizationWorld(
        guardrail,
        [{ id: 'custom.mine', condition: rule }],
        enforcedAtOrganization('custom.mine'),
      ),
      outcome: 'pass',
      mentions: [
        'custom.mine (ALLOW on CREATE, UPDATE)',
        'enforced (effective policy; set at organizations/111111111111)',
      ],
    },
    {
      name: 'a DENY constraint on the negated rule, enforced at the folder',
      world: organizationWorld(guardrail, [{ id: 'custom.deny', condition: negated(rule), action: 'DENY' }], {
        'custom.deny': { effective: ENFORCED, set: { folder: ENFORCED } },
      }),
      outcome: 'pass',
      mentions: ['set at folders/222222222222'],
    },
    {
      name: 'an ALLOW constraint that requires the rule and more',
      world: organizationWorld(
        guardrail,
        [{ id: 'custom.more', condition: `resource.name.startsWith('prod-') && (${rule})` }],
        enforcedAtOrganization('custom.more'),
      ),
      outcome: 'pass',
    },
    {
      name: 'the organization defines no custom constraint on the resource type',
      world: organizationWorld(guardrail, [
        { id: 'custom.other', condition: 'resource.name != ""', types: ['compute.googleapis.com/Instance'] },
      ]),
      outcome: 'fail',
      mentions: [`organizations/111111111111 defines no custom constraint on ${guardrail.resourceType}`],
    },
    {
      name: 'defined but enforced nowhere: a custom constraint alone enforces nothing',
      world: organizationWorld(guardrail, [{ id: 'custom.idle', condition: rule }], {
        'custom.idle': { effective: {} },
      }),
      outcome: 'fail',
      mentions: ['not enforced (effective policy; set nowhere in the hierarchy)'],
    },
    {
      name: 'enforced only in dry-run',
      world: organizationWorld(guardrail, [{ id: 'custom.trial', condition: rule }], {
        'custom.trial': {
          effective: { dryRunSpec: ENFORCED.spec },
          set: { organization: { dryRunSpec: ENFORCED.spec } },
        },
      }),
      outcome: 'fail',
      mentions: ['enforced only in dry-run (dryRunSpec), which prevents nothing'],
    },
    {
      name: 'the project resets the policy its organization enforces',
      world: organizationWorld(guardrail, [{ id: 'custom.mine', condition: rule }], {
        'custom.mine': { effective: { spec: {} }, set: { project: { spec: { reset: true } }, organization: ENFORCED } },
      }),
      outcome: 'fail',
      mentions: ['set at projects/acme-prod, organizations/111111111111'],
    },
    {
      name: 'narrower: applied on CREATE only, so an update can undo the rule',
      world: organizationWorld(guardrail, [{ id: 'custom.create', condition: rule, methods: ['CREATE'] }]),
      outcome: 'fail',
      mentions: ['custom.create: not a guardrail: narrower: it is not applied on UPDATE'],
    },
    {
      name: 'narrower: the rule only as one side of an ||',
      world: organizationWorld(guardrail, [
        { id: 'custom.either', condition: `resource.name.startsWith('dev-') || ${rule}` },
      ]),
      outcome: 'fail',
      mentions: ['custom.either: not a guardrail: ALLOW'],
    },
    {
      name: 'a DENY on the field equal to false or another value: an unset field is not denied',
      world: organizationWorld(
        guardrail,
        [
          {
            id: 'custom.unset',
            condition: `${field} == ${rule.endsWith('true') ? 'false' : "'ZONAL'"}`,
            action: 'DENY',
          },
        ],
        enforcedAtOrganization('custom.unset'),
      ),
      outcome: 'fail',
      mentions: ['custom.unset: not a guardrail: DENY'],
    },
    {
      name: 'a condition that is not CEL',
      world: organizationWorld(guardrail, [{ id: 'custom.broken', condition: `${rule} &&` }]),
      outcome: 'fail',
      mentions: ['custom.broken: not a guardrail: its condition is not CEL gtp can parse'],
    },
    {
      name: 'the project lies in no organization',
      world: organizationWorld(guardrail, [], {}, ''),
      outcome: 'not-applicable',
      mentions: ['lies in no organization'],
    },
    {
      name: 'a folder above the project cannot be read',
      world: (() => {
        const world = organizationWorld(
          guardrail,
          [{ id: 'custom.mine', condition: rule }],
          enforcedAtOrganization('custom.mine'),
        );
        delete world[KEY.folder('222222222222')];
        return world;
      })(),
      outcome: 'error',
      mentions: ['the organization above the project is unknown: folders/222222222222'],
    },
    {
      name: 'a tag condition on the policy may exempt a resource',
      world: organizationWorld(guardrail, [{ id: 'custom.tagged', condition: rule }], {
        'custom.tagged': {
          effective: ENFORCED,
          set: {
            folder: {
              spec: {
                rules: [
                  { enforce: true },
                  { enforce: false, condition: { expression: "resource.matchTag('111111111111/env', 'sandbox')" } },
                ],
              },
            },
          },
        },
      }),
      outcome: 'error',
      mentions: ['folders/222222222222 set custom.tagged with conditional rules (tags)'],
    },
    {
      name: 'the custom constraints cannot be read',
      world: withError(organizationWorld(guardrail, []), 'orgpolicy.guardrails', DENIED),
      outcome: 'error',
    },
  ];
}

const table = (check: CheckDefinition, guarded: string): [CheckDefinition, CheckCase[]] => [
  check,
  cases(GUARDRAIL_BY_CHECK.get(guarded)!),
];

export default [
  table(guardrailSqlDeletionProtection, 'sql.deletion-protection'),
  table(guardrailSqlHighAvailability, 'sql.high-availability'),
  table(guardrailBinauthzEnforced, 'binauthz.enforced'),
] satisfies [CheckDefinition, CheckCase[]][];
