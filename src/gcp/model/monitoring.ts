/** The fields of a Cloud Monitoring AlertPolicy (REST) that the checks read. */
export interface AlertPolicy {
  name?: string;
  displayName?: string;
  enabled?: boolean;
  notificationChannels?: string[];
  conditions?: {
    conditionThreshold?: { filter?: string };
    conditionMonitoringQueryLanguage?: { query?: string };
    conditionPrometheusQueryLanguage?: { query?: string };
  }[];
}

/** Monitoring v3 NotificationChannel: the fields that say whether a notification sent to it reaches anyone. */
export interface NotificationChannel {
  name?: string;
  displayName?: string;
  type?: string;
  enabled?: boolean;
  verificationStatus?: string;
}

/** Monitoring v3 Snooze. */
export interface Snooze {
  name?: string;
  displayName?: string;
  criteria?: { policies?: string[]; filter?: string };
  interval?: { startTime?: string; endTime?: string };
}

/** Every filter or query the policy's conditions evaluate. */
export function queriesOf(policy: AlertPolicy): string[] {
  return (policy.conditions ?? []).flatMap((c) =>
    [
      c.conditionThreshold?.filter,
      c.conditionMonitoringQueryLanguage?.query,
      c.conditionPrometheusQueryLanguage?.query,
    ].filter((q): q is string => !!q),
  );
}

export function policyLabel(policy: AlertPolicy): string {
  return policy.displayName ?? policy.name?.split('/').at(-1) ?? '(unnamed policy)';
}

/** Whether a policy that fires today tells someone: yes, no (and why), or gtp cannot say (and why). */
export interface Reach {
  verdict: 'pass' | 'fail' | 'unknown';
  detail: string;
}

/** What a policy reads to be judged: the project's channels and snoozes, and the audit's clock. */
export interface NotifyingContext {
  channels: readonly NotificationChannel[];
  snoozes: readonly Snooze[];
  now: Date;
}

/**
 * The last segment of a channel's or policy's name. Both are named projects/[PROJECT_ID_OR_NUMBER]/…/[ID]
 * (Monitoring v3 reference), so the same resource may be written with the project's id or its number; the id
 * the server assigns is what identifies it within the project whose lists were read.
 */
const idOf = (name: string | undefined) => name?.split('/').at(-1) ?? '';

/**
 * Whether an alert policy, when its condition is met, notifies someone now. Monitoring documents three ways a
 * policy that exists tells nobody, each modelled here:
 * - the policy is disabled. Unset is not enabled: "On read, clients should not make any assumption about the
 *   state if it has not been populated" (AlertPolicy.enabled);
 * - an active snooze names it: "Monitoring doesn't send notifications or create alerts for the snoozed alerting
 *   policy" (Snooze); with a filter, for the incidents the filter matches;
 * - none of its channels delivers: a channel with `enabled: false` has delivery disabled, and one whose
 *   verificationStatus is UNVERIFIED "is non-functioning" (NotificationChannel).
 */
export function reachOf(policy: AlertPolicy, context: NotifyingContext): Reach {
  if (policy.enabled === false) return { verdict: 'fail', detail: 'the policy is disabled (enabled: false)' };
  if (policy.enabled !== true)
    return { verdict: 'unknown', detail: 'enabled is not in the answer, and Google says not to assume it' };
  const snoozed = snoozeOf(policy, context);
  if (snoozed) return snoozed;
  return channelsReach(policy.notificationChannels ?? [], context.channels);
}

function snoozeOf(policy: AlertPolicy, { snoozes, now }: NotifyingContext): Reach | undefined {
  const id = idOf(policy.name);
  for (const snooze of snoozes) {
    if (!(snooze.criteria?.policies ?? []).some((p) => idOf(p) === id)) continue;
    const end = Date.parse(snooze.interval?.endTime ?? '');
    // The start defaults to the end (TimeInterval.startTime).
    const start = snooze.interval?.startTime === undefined ? end : Date.parse(snooze.interval.startTime);
    if (Number.isNaN(end) || Number.isNaN(start))
      return {
        verdict: 'unknown',
        detail: `snooze ${snooze.name ?? '(unnamed)'} names this policy, and its interval cannot be read`,
      };
    if (start > now.getTime() || end < now.getTime()) continue;
    const until = new Date(end).toISOString();
    const filter = snooze.criteria?.filter;
    return {
      verdict: 'fail',
      detail: filter
        ? `snoozed until ${until} by ${snooze.name ?? '(unnamed)'} for incidents matching ${filter}`
        : `snoozed until ${until} by ${snooze.name ?? '(unnamed)'}`,
    };
  }
  return undefined;
}

function channelsReach(names: readonly string[], channels: readonly NotificationChannel[]): Reach {
  if (names.length === 0) return { verdict: 'fail', detail: 'it notifies no channel (notificationChannels=0)' };
  const states = names.map((name) => {
    const channel = channels.find((c) => idOf(c.name) === idOf(name));
    if (!channel) return { name, state: "not among the project's channels", works: undefined };
    if (channel.enabled === false) return { name, state: 'disabled', works: false };
    if (channel.verificationStatus === 'UNVERIFIED') return { name, state: 'unverified', works: false };
    if (channel.enabled !== true) return { name, state: 'of unknown state (enabled unset)', works: undefined };
    return { name, state: 'delivering', works: true };
  });
  const working = states.filter((s) => s.works === true);
  if (working.length > 0) return { verdict: 'pass', detail: `notifies ${working.map((s) => s.name).join(', ')}` };
  const listed = states.map((s) => `${s.name} which is ${s.state}`).join('; ');
  return states.some((s) => s.works === undefined)
    ? { verdict: 'unknown', detail: `notifies only ${listed}` }
    : { verdict: 'fail', detail: `notifies only ${listed}` };
}
