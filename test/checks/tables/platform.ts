import armorAttached from '../../../src/checks/armor/attached/check.js';
import billingBudget from '../../../src/checks/billing/budget/check.js';
import gkeRegional from '../../../src/checks/gke/regional/check.js';
import scanning from '../../../src/checks/scanning/vulnerability-scanning/check.js';
import type { CheckDefinition } from '../../../src/checks/types.js';
import { DENIED, withError, type CheckCase } from '../../helpers/check-table.js';
import { KEY } from '../../fixtures/keys.js';
import {
  ARMOR_WORLDS,
  BILLING_WORLDS,
  billingOn,
  budget,
  GKE_WORLDS,
  SCANNING_WORLDS,
} from '../../fixtures/check-worlds.js';

const tables: [CheckDefinition, CheckCase[]][] = [
  [
    gkeRegional,
    [
      {
        name: 'regional cluster',
        world: GKE_WORLDS.regional,
        outcome: 'pass',
        mentions: ['location=us-central1 (region)'],
      },
      {
        name: 'one zonal cluster',
        world: GKE_WORLDS.zonal,
        outcome: 'fail',
        verdicts: { prod: 'pass', batch: 'fail' },
      },
      {
        name: 'a regional cluster with a node pool in one zone',
        world: GKE_WORLDS.poolInOneZone,
        outcome: 'fail',
        verdicts: { prod: 'fail' },
        mentions: ['node pool default-pool in us-central1-a,us-central1-b,us-central1-c', 'gpu in one zone only'],
      },
      {
        name: "a cluster listed without its nodes' zones cannot be judged",
        world: { [KEY.gke]: [{ name: 'prod', location: 'us-central1' }] },
        outcome: 'error',
        mentions: ["prod.locations is missing: its nodes' zones are unknown"],
      },
      { name: 'no clusters', world: {}, outcome: 'not-applicable' },
      { name: 'clusters unreadable', world: withError(GKE_WORLDS.regional, 'gke.clusters', DENIED), outcome: 'error' },
      {
        name: 'zones missing from the list',
        world: GKE_WORLDS.zonesMissing,
        outcome: 'error',
        mentions: ['missing zones europe-west4-b'],
      },
    ],
  ],
  [
    armorAttached,
    [
      {
        name: 'global and regional external backends protected',
        world: ARMOR_WORLDS.protected,
        outcome: 'pass',
        verdicts: { web: 'pass', legacy: 'pass' },
      },
      {
        name: 'an external backend without a policy',
        world: ARMOR_WORLDS.unprotected,
        outcome: 'fail',
        verdicts: { api: 'fail', web: 'pass' },
      },
      {
        name: 'internal backends are not internet-facing',
        world: ARMOR_WORLDS.internalOnly,
        outcome: 'not-applicable',
        verdicts: { ilb: 'not-applicable', 'l7-ilb': 'not-applicable' },
      },
      { name: 'scopes with only NO_RESULTS warnings', world: ARMOR_WORLDS.emptyScopesOnly, outcome: 'not-applicable' },
      {
        name: 'a scope unreachable',
        world: ARMOR_WORLDS.scopeUnreachable,
        outcome: 'error',
        mentions: ['unreachable regions/asia-south2'],
      },
      { name: 'no backend services', world: {}, outcome: 'not-applicable' },
      {
        name: 'backend services unreadable',
        world: withError({}, 'compute.backendServices', DENIED),
        outcome: 'error',
      },
    ],
  ],
  [
    billingBudget,
    [
      {
        name: 'budget filtered to the project number',
        world: BILLING_WORLDS.projectBudget,
        outcome: 'pass',
        verdicts: { prod: 'pass' },
      },
      {
        name: 'budget without a project filter covers every project',
        world: BILLING_WORLDS.accountWideBudget,
        outcome: 'pass',
        mentions: ['no project filter'],
      },
      {
        name: 'budgets for other projects only',
        world: BILLING_WORLDS.otherProjectsOnly,
        outcome: 'fail',
        verdicts: { sandbox: 'not-applicable' },
      },
      {
        name: 'budget without threshold rules',
        world: BILLING_WORLDS.noThresholds,
        outcome: 'fail',
        verdicts: { prod: 'fail' },
      },
      { name: 'no budgets at all', world: BILLING_WORLDS.noBudgets, outcome: 'fail', mentions: ['has no budgets'] },
      {
        name: 'a filter naming the project id, not its number',
        world: BILLING_WORLDS.projectIdInFilter,
        outcome: 'fail',
        mentions: ['projects/424242424242'],
      },
      {
        name: 'a budget filtered to one service counts only part of the spend',
        world: BILLING_WORLDS.serviceBudget,
        outcome: 'fail',
        mentions: ['budgetFilter.services set: counts only part of the spend'],
      },
      // Not in the documented shape (and so outside the shipped test worlds): unverified, never "covers everything".
      {
        name: 'a budgetFilter that is not an object',
        world: {
          ...billingOn,
          [KEY.budgets]: [{ ...budget('odd', undefined, [0.9]), budgetFilter: 'projects/424242424242' }],
        },
        outcome: 'error',
        mentions: ['billing.budgets[0].budgetFilter'],
      },
      {
        name: 'budgetFilter.projects that is not a list',
        world: { ...billingOn, [KEY.budgets]: [budget('odd', { projects: 'projects/424242424242' }, [0.9])] },
        outcome: 'error',
        mentions: ['billing.budgets[0].budgetFilter.projects'],
      },
      {
        name: 'a budget on the organization above the project (through its folder)',
        world: BILLING_WORLDS.folderBudget,
        outcome: 'pass',
        mentions: ['budgetFilter.resourceAncestors: organizations/111111111111, above the project'],
      },
      {
        name: 'a budget on a folder the project is not in',
        world: BILLING_WORLDS.otherFolderBudget,
        outcome: 'fail',
        verdicts: { 'sandbox-folder': 'not-applicable' },
      },
      {
        name: 'a budget on a folder, and the folder above the project cannot be read',
        world: BILLING_WORLDS.folderBudgetUnresolved,
        outcome: 'error',
        mentions: ["the project's ancestry could not be read: folders/222222222222"],
      },
      {
        name: 'a custom period that ended tracks no spend',
        world: BILLING_WORLDS.customPeriodEnded,
        outcome: 'fail',
        verdicts: { launch: 'not-applicable' },
        mentions: ['customPeriod ended (2026-01-01 to 2026-06-30)'],
      },
      {
        name: 'a custom period of a whole past year (month and day left out, as JSON leaves out a 0)',
        world: {
          ...BILLING_WORLDS.projectBudget,
          [KEY.budgets]: [
            budget(
              'fy2025',
              {
                projects: ['projects/424242424242'],
                customPeriod: { startDate: { year: 2025 }, endDate: { year: 2025 } },
              },
              [0.9],
            ),
          ],
        },
        outcome: 'fail',
        mentions: ['customPeriod ended (2025 to 2025)'],
      },
      {
        name: 'a custom period with no end tracks spend since its start',
        world: BILLING_WORLDS.customPeriodOpen,
        outcome: 'pass',
      },
      {
        name: 'threshold alerts that reach nobody',
        world: BILLING_WORLDS.alertsNobody,
        outcome: 'fail',
        verdicts: { prod: 'fail' },
        mentions: ['reach nobody'],
      },
      {
        name: 'default recipients off, a Monitoring channel instead',
        world: BILLING_WORLDS.alertsAChannelOnly,
        outcome: 'pass',
        mentions: ['alerts 1 Monitoring channel(s)'],
      },
      { name: 'no billing account', world: BILLING_WORLDS.billingDisabled, outcome: 'not-applicable' },
      {
        name: 'budgets unreadable',
        world: withError(BILLING_WORLDS.projectBudget, 'billing.budgets', {
          ...DENIED,
          permission: 'billing.budgets.list',
        }),
        outcome: 'error',
        mentions: ['billing.budgets.list'],
      },
    ],
  ],
  [
    scanning,
    [
      {
        name: 'API on, Docker repositories inherit scanning',
        world: SCANNING_WORLDS.scanned,
        outcome: 'pass',
        verdicts: { 'us-central1/images': 'pass', 'europe-west1/images': 'pass' },
      },
      {
        name: 'Container Scanning API disabled',
        world: SCANNING_WORLDS.apiDisabled,
        outcome: 'fail',
        verdicts: { 'containerscanning.googleapis.com': 'fail' },
      },
      {
        name: 'a Docker repository opted out',
        world: SCANNING_WORLDS.repositoryOptedOut,
        outcome: 'fail',
        verdicts: { 'europe-west1/images': 'fail' },
      },
      { name: 'no repository of a scanned format', world: SCANNING_WORLDS.noScannedFormat, outcome: 'not-applicable' },
      {
        name: 'a Python repository with the scanning API off',
        world: SCANNING_WORLDS.pythonUnscanned,
        outcome: 'fail',
        verdicts: { 'containerscanning.googleapis.com': 'fail' },
      },
      {
        name: 'INHERITED, but Artifact Analysis reports scanning disabled',
        world: SCANNING_WORLDS.inheritedButInactive,
        outcome: 'fail',
        verdicts: { 'us-central1/images': 'fail' },
        mentions: ['enablementState=SCANNING_DISABLED'],
      },
      {
        name: 'active scanning; a repository scanning cannot apply to',
        world: SCANNING_WORLDS.activeAndUnsupported,
        outcome: 'pass',
        verdicts: { 'us-central1/images': 'pass', 'us-central1/remote-npm': 'not-applicable' },
      },
      {
        name: 'repositories unreadable',
        world: withError(SCANNING_WORLDS.scanned, 'artifactregistry.repositories', DENIED),
        outcome: 'error',
      },
    ],
  ],
];

export default tables;
