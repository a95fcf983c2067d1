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
  // errors.ts classifies Google's and the network's answers; what each kind means for the user is said here.
  if (error.kind === 'credentials-rejected')
    return {
      kind: 'credentials-rejected',
      said: /invalid_rapt/.test(error.message)
        ? 'Google wants the user to sign in again (reauthentication)'
        : 'Google refused the credentials (expired or revoked)',
      fix: 'gcloud auth application-default login',
      detail,
    };
  if (error.kind === 'quota-project')
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
  // Each failed read of Google once, with the cause it is (or none).
  const failed = new Map<CollectionId, { error: CollectionError; cause: Cause | undefined }>();
  for (const id of new Set(checks.flatMap((c) => c.collects))) {
    if (COLLECTIONS[id].api === '') continue;
    const result = inventory.get(id);
    if (!result.ok) failed.set(id, { error: result.error, cause: causeOf(result.error, project) });
  }
  const cause = commonCause([...failed.values()], inventory.readAnything());
  if (!cause) return undefined;
  const explained = ({ error, cause: own }: { error: CollectionError; cause: Cause | undefined }) =>
    cause.kind === 'refused' ? error.kind === 'permission-denied' : own?.kind === cause.kind;
  const controls = checks
    .filter((c) => c.collects.some((id) => failed.has(id) && explained(failed.get(id)!)))
    .map((c) => c.id);
  return { ...cause, controls };
}

function commonCause(
  failures: { error: CollectionError; cause: Cause | undefined }[],
  readAnything: boolean,
): Cause | undefined {
  const quotaProject = failures.find((f) => f.cause?.kind === 'quota-project');
  if (quotaProject) return quotaProject.cause;
  if (readAnything || failures.length < 2) return undefined;
  const first = failures[0]!.cause;
  if (first && failures.every((f) => f.cause?.kind === first.kind)) return first;
  // The same refusal from every API (an organization policy, a VPC Service Controls perimeter, a suspended project).
  const message = failures[0]!.error.message;
  if (failures.every(({ error }) => error.kind === 'permission-denied' && error.message === message))
    return {
      kind: 'refused',
      said: 'every API refused the caller with the same answer',
      fix: 'gtp doctor',
      detail: message.split('\n')[0]!.slice(0, 300),
    };
  return undefined;
}
