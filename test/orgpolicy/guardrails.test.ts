import { parse as parseHcl } from '@cdktn/hcl2json';
import { celEnv, CelScalar, parse, plan } from '@bufbuild/cel';
import { describe, expect, it } from 'vitest';
import { CHECKS_BY_ID } from '../../src/checks/index.js';
import { GUARDRAILS, SUPPORTED_RESOURCE_TYPES, type Guardrail } from '../../src/orgpolicy/guardrails.js';
import { implies, type CustomConstraint } from '../../src/orgpolicy/implies.js';
import { hcl } from '../../src/terraform/hcl.js';
import { guardrailFix } from '../../src/terraform/guardrails.js';
import { fieldsRead } from '../helpers/cel-fields.js';
import { documentOf, follow } from '../helpers/discovery.js';
import { checkTerraform } from '../helpers/terraform-schema.js';

/** The constraint gtp writes for a guardrail, as Organization Policy would list it back. */
const written = (g: Guardrail): CustomConstraint => ({
  name: `organizations/1/customConstraints/${g.constraint}`,
  resourceTypes: [g.resourceType],
  methodTypes: ['CREATE', 'UPDATE'],
  condition: g.condition,
  actionType: 'ALLOW',
});

describe.each(GUARDRAILS.map((g) => [g.check, g] as const))('the guardrail of %s', (_check, guardrail) => {
  it('guards a check of the catalogue and names a resource type Google documents for custom constraints', () => {
    expect(CHECKS_BY_ID.has(guardrail.check)).toBe(true);
    expect(SUPPORTED_RESOURCE_TYPES[guardrail.resourceType]).toMatch(/^https:\/\/cloud\.google\.com\//);
    // "The max length is 70 characters" (CustomConstraint.name, not counting the organization's prefix).
    expect(guardrail.constraint).toMatch(/^custom\.[A-Za-z]{1,63}$/);
  });

  it('is CEL that a conformant implementation parses and plans, reading only `resource`', () => {
    const env = celEnv({ variables: { resource: CelScalar.DYN } });
    expect(() => plan(env, parse(guardrail.condition))).not.toThrow();
  });

  it("reads exactly its declared fields, each a writable field of the resource's REST schema", () => {
    const read = fieldsRead(guardrail.condition).map((p) => p.join('.'));
    expect(read.sort()).toEqual([...guardrail.fields].sort());
    const doc = documentOf(guardrail.schema.file);
    for (const field of guardrail.fields) {
      const schema = follow(doc, { $ref: guardrail.schema.name }, field.split('.'));
      expect(schema, `${field} in ${guardrail.schema.name}`).toBeDefined();
      // GKE: "any field … except for output-only fields"; an output-only field is not in a create request.
      expect(schema!.readOnly ?? false, field).toBe(false);
      expect(schema!.description ?? '', field).not.toMatch(/^\s*(\[)?Output only/i);
    }
  });

  it('is recognised by the reader as the guardrail it is', () => {
    expect(implies(written(guardrail), guardrail)).toEqual({ implies: true });
  });

  it.each(['dry-run', 'enforced'] as const)(
    'its Terraform (%s) fits the provider schema, with the organization known or asked for',
    async (mode) => {
      for (const organization of ['organizations/111111111111', undefined]) {
        const text = hcl(guardrailFix(guardrail, { project: 'acme-prod', organization, mode }).blocks);
        const { problems, resources } = await checkTerraform('guardrail.tf', text);
        expect(problems).toEqual([]);
        expect(resources.sort()).toEqual(
          [
            `google_org_policy_custom_constraint.${guardrail.constraint.slice('custom.'.length)}`,
            `google_org_policy_policy.${guardrail.constraint.slice('custom.'.length)}`,
          ].sort(),
        );
        const json = (await parseHcl('guardrail.tf', text)) as {
          resource: { google_org_policy_policy: Record<string, Record<string, unknown>[]> };
        };
        const policy = Object.values(json.resource.google_org_policy_policy)[0]![0]!;
        expect(Object.keys(policy)).toContain(mode === 'dry-run' ? 'dry_run_spec' : 'spec');
        expect(Object.keys(policy)).not.toContain(mode === 'dry-run' ? 'spec' : 'dry_run_spec');
      }
    },
  );
});

describe('hostile names reach the Terraform as strings, never as expressions', () => {
  it('a project or organization carrying an interpolation is written literally', async () => {
    const project = 'p${file("/etc/passwd")}';
    const organization = 'organizations/1"\n}\nresource "x" "y" {';
    const text = hcl(guardrailFix(GUARDRAILS[0]!, { project, organization, mode: 'enforced' }).blocks);
    const json = (await parseHcl('guardrail.tf', text)) as {
      resource: Record<string, Record<string, { parent: string; name: string }[]>>;
    };
    expect(Object.keys(json.resource).sort()).toEqual([
      'google_org_policy_custom_constraint',
      'google_org_policy_policy',
    ]);
    const constraint = Object.values(json.resource.google_org_policy_custom_constraint!)[0]![0]!;
    expect(constraint.parent).toBe(organization);
    const policy = Object.values(json.resource.google_org_policy_policy!)[0]![0]!;
    // HashiCorp's parser keeps a literal `${` doubled in its JSON form.
    expect(policy.parent).toBe('projects/p$${file("/etc/passwd")}');
  });
});

describe('which custom constraints imply a rule', () => {
  const guardrail = GUARDRAILS.find((g) => g.check === 'sql.deletion-protection')!;
  const constraint = (condition: string, extra: Partial<CustomConstraint> = {}): CustomConstraint => ({
    ...written(guardrail),
    condition,
    ...extra,
  });
  const field = 'resource.settings.deletionProtectionEnabled';
  it.each([
    ['the rule itself', `${field} == true`, 'ALLOW'],
    ['the field alone, a bool', field, 'ALLOW'],
    ['true on the left', `true == ${field}`, 'ALLOW'],
    ['the rule beside another requirement', `resource.region == 'us-central1' && ${field} == true`, 'ALLOW'],
    ['the rule inside nested && terms', `(a.b && ${field}) && c`, 'ALLOW'],
    ['DENY of its negation', `!(${field} == true)`, 'DENY'],
    ['DENY of `!= true`', `${field} != true`, 'DENY'],
    ['DENY of the negation or anything else', `resource.region == 'x' || !${field}`, 'DENY'],
  ] as const)('%s: implies it', (_name, condition, actionType) => {
    expect(implies(constraint(condition, { actionType }), guardrail)).toEqual({ implies: true });
  });

  it.each([
    ['the rule or something else', `${field} == true || resource.region == 'x'`, 'ALLOW', 'ALLOW'],
    ['the negation (ALLOW)', `${field} == false`, 'ALLOW', 'ALLOW'],
    ['DENY of `== false`: an unset field is not denied', `${field} == false`, 'DENY', 'DENY'],
    ['DENY of the negation and something else', `!${field} && resource.region == 'x'`, 'DENY', 'DENY'],
    ['another field', 'resource.settings.availabilityType == "REGIONAL"', 'ALLOW', 'ALLOW'],
    ['a presence test', `has(${field})`, 'ALLOW', 'ALLOW'],
    ['a ternary', `${field} ? true : false`, 'ALLOW', 'ALLOW'],
    ['the rule as a string', `"${field} == true"`, 'ALLOW', 'ALLOW'],
    ['not CEL', `${field} ==`, 'ALLOW', 'not CEL'],
  ] as const)('%s: does not, and says why', (_name, condition, actionType, why) => {
    const result = implies(constraint(condition, { actionType }), guardrail);
    expect(result.implies).toBe(false);
    expect(result.implies ? '' : result.why).toContain(why);
  });

  it('a constraint on another resource type, on CREATE alone, or of no action type does not', () => {
    expect(
      implies(constraint(`${field}`, { resourceTypes: ['sqladmin.googleapis.com/BackupRun'] }), guardrail),
    ).toEqual({
      implies: false,
      why: 'applies to sqladmin.googleapis.com/BackupRun, not sqladmin.googleapis.com/Instance',
    });
    expect(implies(constraint(field, { methodTypes: ['CREATE'] }), guardrail).implies).toBe(false);
    expect(implies(constraint(field, { methodTypes: ['UPDATE'] }), guardrail).implies).toBe(false);
    expect(implies(constraint(field, { actionType: 'ACTION_TYPE_UNSPECIFIED' }), guardrail).implies).toBe(false);
  });
});
