import type { Route } from './routes.js';
import type { World } from './world.js';

/**
 * World key: per list (by its world key), the fields Google's answer carried to say that the list may be missing
 * parts (Cloud SQL `warnings`, GKE `missingZones`, Compute `unreachables`, Cloud Deploy `unreachable`). A hand-written
 * world states an unreachable region with it; the emulator sends the fields on each page; a snapshot never needs
 * it (a live list that was incomplete is recorded under $errors).
 */
export const PARTIAL_KEY = '$partial';

/** A list whose answer says it may be missing resources: its checks are unverified, never judged on what came. */
export class IncompleteList extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * Cloud SQL warning codes that do not make a list partial: compromised credentials concern a user being written.
 * Any other code does: REGION_UNREACHABLE and MAX_RESULTS_EXCEEDS_LIMIT both say "the returned result set may be
 * incomplete" (sqladmin v1 ApiWarning), and a code gtp does not know is taken the same way.
 */
const HARMLESS_SQL_WARNINGS = new Set(['COMPROMISED_CREDENTIALS']);

/**
 * What one page of a list says it could not reach, in words; empty when the page claims to be whole. Read from the
 * fields each API documents: InstancesListResponse.warnings (sqladmin v1), ListClustersResponse.missingZones
 * (container v1), *AggregatedList.unreachables (compute v1), List*Response.unreachable (clouddeploy v1).
 */
export function missingParts(page: unknown): string[] {
  if (!isObject(page)) return [];
  const parts: string[] = [];
  for (const warning of Array.isArray(page.warnings) ? page.warnings : []) {
    const { code, region, message } = isObject(warning) ? warning : {};
    if (typeof code === 'string' && HARMLESS_SQL_WARNINGS.has(code)) continue;
    parts.push(
      `${typeof code === 'string' || typeof code === 'number' ? code : 'a warning'}${typeof region === 'string' ? ` (${region})` : ''}${typeof message === 'string' ? `: ${message}` : ''}`,
    );
  }
  const zones = strings(page.missingZones);
  if (zones.length) parts.push(`missing zones ${zones.join(', ')}`);
  const unreachables = [...strings(page.unreachables), ...strings(page.unreachable)];
  if (unreachables.length) parts.push(`unreachable ${unreachables.join(', ')}`);
  return parts;
}

/** Throws IncompleteList naming the list and what it lacks, when a page says it is partial. */
export function assertWhole(key: string, page: unknown): void {
  const parts = missingParts(page);
  if (parts.length) throw new IncompleteList(`${key} may be incomplete: ${parts.join('; ')}`);
}

/**
 * A compute aggregated list as the world holds it (scope → items or warning): a scope whose warning is UNREACHABLE
 * ("a given scope cannot be reached") is missing from the answer.
 */
export function assertScopesReached(route: Route, key: string, value: unknown): void {
  if (route.kind !== 'aggregatedList' || !isObject(value)) return;
  const unreached = Object.entries(value)
    .filter(([, scoped]) => isObject(scoped) && isObject(scoped.warning) && scoped.warning.code === 'UNREACHABLE')
    .map(([scope]) => scope);
  if (unreached.length) throw new IncompleteList(`${key} may be incomplete: unreachable ${unreached.join(', ')}`);
}

/** The envelope fields a world states for the list at `key` (see PARTIAL_KEY). */
export function partialFields(world: World, key: string): Record<string, unknown> | undefined {
  const partial = world[PARTIAL_KEY];
  if (!isObject(partial)) return undefined;
  const fields = partial[key];
  return isObject(fields) ? fields : undefined;
}
