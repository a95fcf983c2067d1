import * as z from 'zod';

/**
 * A team's own control, written as data beside the register: the Google REST lists it reads, the resources it
 * applies to (`where`) and what each must meet (`require`), or that one must exist (`expect: any`). Conditions are
 * CEL over one list item, named `resource`.
 */
const listSchema = z
  .strictObject({
    url: z
      .string()
      .min(1)
      .describe(
        'an https://….googleapis.com list URL; {project} and {projectNumber} are filled in for each audited project',
      ),
    items: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be a field name of the response')
      .optional()
      .describe('the response field holding the items; inferred when the answer has exactly one list field'),
    permission: z
      .string()
      .regex(
        /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*){2,}$/,
        'must be an IAM permission such as redis.instances.list',
      )
      .describe('the IAM permission the list needs (gtp doctor and gtp iam role name it)'),
  })
  .describe('One REST list a probe reads');

export const probeSchema = z
  .strictObject({
    id: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/,
        'must be namespace.name in lower case (acme.redis-ha), in a namespace of your own',
      )
      .describe("the probe's id, named by a mitigation's checks as a built-in check is"),
    title: z.string().min(1).describe('what holds when the probe passes'),
    remediation: z.string().min(1).describe('what to change when it fails'),
    read: z.union([listSchema, z.array(listSchema).min(1)]).describe('the list, or lists, whose items are judged'),
    where: z.string().min(1).optional().describe('CEL: the items the probe applies to (default: every item)'),
    require: z.string().min(1).optional().describe('CEL: what each chosen item must meet'),
    expect: z
      .literal('any')
      .optional()
      .describe('instead of require: at least one chosen item must exist (an alert policy, a budget)'),
  })
  .refine((p) => (p.require === undefined) !== (p.expect === undefined), {
    message: 'give either require (a condition each resource meets) or expect: any, not both and not neither',
  })
  .describe('A control of your own: CEL over the items of a Google REST list');

export type ProbeDefinition = z.infer<typeof probeSchema>;
export type ProbeList = z.infer<typeof listSchema>;

/** The lists a probe reads, as a list. */
export const listsOf = (probe: ProbeDefinition): ProbeList[] => (Array.isArray(probe.read) ? probe.read : [probe.read]);
