import * as z from 'zod';
import { COLLECTIONS } from '../gcp/collections.js';
import type { CollectionId } from '../gcp/collection-id.js';
import type { CollectionError } from '../gcp/errors.js';
import type { InventoryView } from '../gcp/inventory.js';

/** One reason every read of Google failed, and the command that removes it: said once, ahead of every control. */
export const sharedCauseSchema = z.strictObject({
  kind: z.enum(['no-credentials', 'credentials-rejected', 'unreachable', 'quota-project', 'refused']),
  said: z.string().describe('the cause, in one sentence'),
  fix: z.string().describe('the command (or step) that removes it'),
  detail: z.string().describe("Google's or the network's own words, first line"),
  controls: z.array(z.string()).describe('the checks this cause left unverified'),
});
export type SharedCause = z.infer<typeof sharedCauseSchema>;
type Cause = Omit<SharedCause, 'controls'>;

/** Google's answers to a user credential without a quota project (ADC troubleshooting for user credentials). */
const QUOTA_PROJECT = /requires a quota project|USER_PROJECT_DENIED|quota project.{0,40}not set/i;
/** An OAuth refresh Google refused: revoked or expired (invalid_grant), or reauthentication required. */
const REJECTED = /invalid_grant|invalid_rapt|reauth|Token has been expired or revoked/i;
/** A request that never reached Google: no name resolution, nothing listening, a proxy's own answer. */
const UNREACHABLE_STATUS = new Set([
  // A web page where Google's JSON belongs (errors.ts): a proxy or captive portal answered.
  'HTML',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** What an error is, when it is one of the causes that fail every read alike. */
export function causeOf(error: CollectionError, project: string): Cause | undefined {
  const detail = error.message.split('\n')[0]!.slice(0, 300);
  if (error.kind === 'no-credentials')
    return {
      kind: 'no-credentials',
      said: 'no Google credentials were found',
      fix: 'gcloud auth application-default login',
      detail,
    };
  if (error.kind === 'credentials-rejected' || REJECTED.test(error.message))
    return {
      kind: 'credentials-rejected',
      said: /invalid_rapt|reauth/i.test(error.message)
        ? 'Google wants the user to sign in again (reauthentication)'
        : 'Google refused the credentials (expired or revoked)',
      fix: 'gcloud auth application-default login',
      detail,
    };
  if (error.kind === 'quota-project' || QUOTA_PROJECT.test(error.message))
    return {
      kind: 'quota-project',
      said: 'the user credentials name no quota project',
      fix: `gcloud auth application-default set-quota-project ${project}`,
      detail,
    };
  if (
    (error.kind === 'unavailable' || error.kind === 'timeout' || error.kind === 'unknown') &&
    (UNREACHABLE_STATUS.has(error.status ?? '') || /ENOTFOUND|ECONNREFUSED|EAI_AGAIN|getaddrinfo/.test(error.message))
  )
    return {
      kind: 'unreachable',
      said: "Google's APIs could not be reached",
      fix: 'check DNS, the firewall, and HTTPS_PROXY / NO_PROXY',
      detail,
    };
  return undefined;
}

/**
 * The one cause behind an audit's unread controls, when there is one, and the controls it explains:
 * - nothing was read from Google at all, and every read failed for the same reason (no credentials, credentials
 *   refused, Google unreachable, the same refusal from every API);
 * - or some API refused a user credential for want of a quota project: one setting, whatever else was read.
 * A project where reads failed for different reasons has no shared cause: its errors are each control's own.
 */
export function sharedCause(
  inventory: InventoryView & { readAnything(): boolean },
  checks: readonly { id: string; collects: readonly CollectionId[] }[],
  project: string,
): SharedCause | undefined {
  const failed = new Map<CollectionId, CollectionError>();
  for (const id of new Set(checks.flatMap((c) => c.collects))) {
    if (COLLECTIONS[id].api === '') continue;
    const result = inventory.get(id);
    if (!result.ok) failed.set(id, result.error);
  }
  const cause = commonCause([...failed.values()], inventory.readAnything(), project);
  if (!cause) return undefined;
  const explained = (error: CollectionError) =>
    cause.kind === 'refused' ? error.kind === 'permission-denied' : causeOf(error, project)?.kind === cause.kind;
  const controls = checks
    .filter((c) => c.collects.some((id) => failed.has(id) && explained(failed.get(id)!)))
    .map((c) => c.id);
  return { ...cause, controls };
}

function commonCause(errors: CollectionError[], readAnything: boolean, project: string): Cause | undefined {
  const quotaProject = errors.find((e) => causeOf(e, project)?.kind === 'quota-project');
  if (quotaProject) return causeOf(quotaProject, project);
  if (readAnything || errors.length < 2) return undefined;
  const causes = errors.map((e) => causeOf(e, project));
  const first = causes[0];
  if (first && causes.every((c) => c?.kind === first.kind)) return first;
  // The same refusal from every API (an organization policy, a VPC Service Controls perimeter, a suspended project).
  const message = errors[0]!.message;
  if (errors.every((e) => e.kind === 'permission-denied' && e.message === message))
    return {
      kind: 'refused',
      said: 'every API refused the caller with the same answer',
      fix: 'gtp doctor',
      detail: message.split('\n')[0]!.slice(0, 300),
    };
  return undefined;
}
