import * as z from 'zod';
import type { ResourceVerdict } from './types.js';

/**
 * Thrown by a check that finds a field it decides on missing or of the wrong type: the audit reports the check as
 * `error` (unverified) naming the field, instead of guessing a verdict from what is not there.
 */
export class MalformedEvidence extends Error {}

/** The value, or MalformedEvidence naming `what` when the API left it out. */
export function need<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value === ''))
    throw new MalformedEvidence(`${what} is missing`);
  return value;
}

/** The value read through `schema`, or MalformedEvidence naming the first field that does not fit. */
export function shaped<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  // Without zod's compiled fast path: a project's audit reads each answer once, and compiling one per object schema
  // costs more than it saves. Across 1,000 projects the plain path costs ~20 ms more in all.
  const parsed = schema.safeParse(value, { jitless: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  throw new MalformedEvidence(`${what}${path}: ${issue.message}`);
}

/** A resource's verdict, or a fail that gtp could not make sure of (`unknown`): unverified, with the reason. */
export type MaybeUnknown = ResourceVerdict & { unknown?: true };

/**
 * The resources as the check reports them: where all that fails is unknown, the check is unverified (an error
 * naming each), never a fail and never a pass; a sure fail beside an unknown fails the check all the same.
 */
export function settle(resources: MaybeUnknown[]): ResourceVerdict[] {
  const fails = resources.filter((r) => r.verdict === 'fail');
  if (fails.length > 0 && fails.every((r) => r.unknown))
    throw new MalformedEvidence(fails.map((r) => `${r.name}: ${r.detail}`).join('; '));
  return resources.map(({ unknown: _unknown, ...r }) => r);
}
