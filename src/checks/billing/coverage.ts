import { billingAccountId } from '../../gcp/collections.js';
import * as z from 'zod';
import { MalformedEvidence, shaped } from '../evidence.js';
import type { CheckData, ResourceVerdict } from '../types.js';

/**
 * The fields of a Budget (Cloud Billing Budget API v1) that decide coverage, typed as Google documents them: a budget
 * whose filter is of another shape cannot be judged, and is an error rather than "covers everything".
 */
/**
 * google.type.Date: a year, month and day; 0 stands for "not significant" in month and day, and JSON leaves a 0 out.
 */
const googleDate = z.looseObject({
  year: z.number().int(),
  month: z.number().int().optional(),
  day: z.number().int().optional(),
});

/** The first (from) or last (to) instant of a google.type.Date, in UTC. */
function instantOf(date: z.infer<typeof googleDate>, edge: 'from' | 'to'): number {
  const month = date.month || (edge === 'from' ? 1 : 12);
  const day = date.day || (edge === 'from' ? 1 : new Date(Date.UTC(date.year, month, 0)).getUTCDate());
  return Date.UTC(date.year, month - 1, day) + (edge === 'to' ? 86_400_000 : 0);
}

const budgetSchema = z.looseObject({
  name: z.string().optional(),
  displayName: z.string().optional(),
  budgetFilter: z
    .looseObject({
      projects: z.array(z.string()).optional(),
      resourceAncestors: z.array(z.string()).optional(),
      services: z.array(z.string()).optional(),
      subaccounts: z.array(z.string()).optional(),
      labels: z.record(z.string(), z.array(z.unknown())).optional(),
      customPeriod: z.looseObject({ startDate: googleDate, endDate: googleDate.optional() }).optional(),
    })
    .optional(),
  thresholdRules: z.array(z.looseObject({})).optional(),
  notificationsRule: z
    .looseObject({
      pubsubTopic: z.string().optional(),
      disableDefaultIamRecipients: z.boolean().optional(),
      enableProjectLevelRecipients: z.boolean().optional(),
      monitoringNotificationChannels: z.array(z.string()).optional(),
    })
    .optional(),
});

export type Budget = z.infer<typeof budgetSchema>;

export type Coverage =
  | { applies: false; resources: ResourceVerdict[] }
  | {
      applies: true;
      account: string;
      projectNumber: string | undefined;
      /** `unresolved`: the budget may cover the project, but the folders above it could not all be read. */
      budgets: { budget: Budget; name: string; covers: boolean; scope: string; unresolved?: string }[];
    };

/** Budget filters name projects by number; Resource Manager's project name is "projects/NUMBER". */
function projectNumber(project: { name?: string } | undefined): string | undefined {
  return /^projects\/(\d+)$/.exec(project?.name ?? '')?.[1];
}

/** Which budgets of the project's billing account cover this project, and why. */
export function budgetCoverage(data: CheckData): Coverage {
  const info = data.get('billing.info');
  const account = billingAccountId(info);
  if (!account || info.billingEnabled !== true) {
    return {
      applies: false,
      resources: [
        {
          name: 'billing',
          verdict: 'not-applicable',
          detail: `billingEnabled=${info.billingEnabled ?? false}: the project has no active billing account`,
        },
      ],
    };
  }
  const number = projectNumber(data.get('resourcemanager.project'));
  const ancestry = data.get('resourcemanager.ancestry');
  const budgets = shaped(z.array(budgetSchema), data.get('billing.budgets'), 'billing.budgets').map((budget) => {
    const name = budget.displayName ?? budget.name?.split('/').at(-1) ?? '(unnamed budget)';
    const filter = budget.budgetFilter ?? {};
    const projects = filter.projects ?? [];
    const ancestors = filter.resourceAncestors ?? [];
    // A filter by service, subaccount or label counts only part of the spend (Budget API: Filter), whatever projects it names.
    const partial = [
      ...(filter.services?.length ? ['services'] : []),
      ...(filter.subaccounts?.length ? ['subaccounts'] : []),
      ...(Object.keys(filter.labels ?? {}).length ? ['labels'] : []),
    ];
    // "Budgets with elapsed end date won't be processed" (Budget API: CustomPeriod); one not yet begun tracks nothing now.
    const period = filter.customPeriod;
    if (period) {
      const now = data.now.getTime();
      const ended = period.endDate !== undefined && instantOf(period.endDate, 'to') <= now;
      const notBegun = instantOf(period.startDate, 'from') > now;
      if (ended || notBegun)
        return {
          budget,
          name,
          covers: false,
          scope: `budgetFilter.customPeriod ${ended ? 'ended' : 'has not begun'} (${formatDate(period.startDate)} to ${period.endDate ? formatDate(period.endDate) : 'open'}): the budget tracks no spend now`,
        };
    }
    if (partial.length > 0) {
      return {
        budget,
        name,
        covers: false,
        scope: `budgetFilter.${partial.join(', budgetFilter.')} set: counts only part of the spend`,
      };
    }
    if (projects.length > 0) {
      return {
        budget,
        name,
        covers: number !== undefined && projects.includes(`projects/${number}`),
        scope: `budgetFilter.projects=${projects.join(',')}`,
      };
    }
    if (ancestors.length > 0) {
      // A budget on a folder or organization counts the spend of every project below it (Budget API: Filter).
      const above = ancestry.ancestors.find((a) => ancestors.includes(a));
      if (above)
        return { budget, name, covers: true, scope: `budgetFilter.resourceAncestors: ${above}, above the project` };
      return {
        budget,
        name,
        covers: false,
        scope: `budgetFilter.resourceAncestors=${ancestors.join(',')}, none of them above the project${ancestry.unreadable ? ' as far as it could be read' : ''}`,
        ...(ancestry.unreadable ? { unresolved: ancestry.unreadable } : {}),
      };
    }
    return { budget, name, covers: true, scope: 'no project filter (covers every project of the account)' };
  });
  return { applies: true, account, projectNumber: number, budgets };
}

const formatDate = (d: z.infer<typeof googleDate>) =>
  [d.year, ...(d.month ? [d.month, ...(d.day ? [d.day] : [])] : [])].map((n) => String(n).padStart(2, '0')).join('-');

/**
 * Who a budget's threshold alerts reach (Budget API: NotificationsRule): the billing account's administrators and
 * users unless disableDefaultIamRecipients, Monitoring channels, a Pub/Sub topic, and the project's owners when
 * enableProjectLevelRecipients is set on a budget of exactly one project. None of them: the alert reaches nobody.
 */
export function recipientsOf(budget: Budget): string[] {
  const rule = budget.notificationsRule ?? {};
  return [
    ...(rule.disableDefaultIamRecipients === true ? [] : ['billing account IAM recipients']),
    ...(rule.monitoringNotificationChannels?.length
      ? [`${rule.monitoringNotificationChannels.length} Monitoring channel(s)`]
      : []),
    ...(rule.pubsubTopic ? ['a Pub/Sub topic'] : []),
    ...(rule.enableProjectLevelRecipients === true && budget.budgetFilter?.projects?.length === 1
      ? ['project owners']
      : []),
  ];
}

/**
 * When no budget is shown to cover the project but one scoped to a folder or organization could not be resolved
 * (a folder above could not be read), the answer is unknown: an error naming why, never a fail or a pass.
 */
export function assertResolved(coverage: Extract<Coverage, { applies: true }>): void {
  const unresolved = coverage.budgets.filter((b) => b.unresolved);
  if (unresolved.length > 0)
    throw new MalformedEvidence(
      `budget ${unresolved.map((b) => b.name).join(', ')} is scoped to folders or organizations, and the project's ancestry could not be read: ${unresolved[0]!.unresolved}`,
    );
}

export const BUDGET_COLLECTIONS = [
  'billing.info',
  'billing.budgets',
  'resourcemanager.project',
  'resourcemanager.ancestry',
] as const;
export const BUDGET_PERMISSIONS = [
  'billing.budgets.list',
  'resourcemanager.folders.get',
  'resourcemanager.projects.get',
] as const;
