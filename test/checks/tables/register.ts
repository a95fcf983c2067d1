import type { World } from '../../../src/gcp/world.js';
import armorWafRules from '../../../src/checks/armor/waf-rules/check.js';
import billingBudgetPubsub from '../../../src/checks/billing/budget-pubsub/check.js';
import binauthzEnforced from '../../../src/checks/binauthz/enforced/check.js';
import deployCanary from '../../../src/checks/deploy/canary/check.js';
import deployRollbackAutomation from '../../../src/checks/deploy/rollback-automation/check.js';
import gkeMultiRegion from '../../../src/checks/gke/multi-region/check.js';
import iamDataAccessLogs from '../../../src/checks/iam/data-access-logs/check.js';
import iamJustInTimeAccess from '../../../src/checks/iam/just-in-time-access/check.js';
import lbGlobalExternal from '../../../src/checks/lb/global-external/check.js';
import monitoringQuotaAlert from '../../../src/checks/monitoring/quota-alert/check.js';
import monitoringSloBurnRateAlert from '../../../src/checks/monitoring/slo-burn-rate-alert/check.js';
import sqlCrossRegionReplica from '../../../src/checks/sql/cross-region-replica/check.js';
import storageBackupBucketLock from '../../../src/checks/storage/backup-bucket-lock/check.js';
import storageStateBucket from '../../../src/checks/storage/state-bucket/check.js';
import type { CheckDefinition } from '../../../src/checks/types.js';
import { DENIED, withError, type CheckCase } from '../../helpers/check-table.js';
import { BILLING_WORLDS } from '../../fixtures/check-worlds.js';
import { KEY } from '../../fixtures/keys.js';
import {
  DEPLOY_WORLDS,
  EDGE_WORLDS,
  GOVERNANCE_WORLDS,
  MONITORING_WORLDS,
  REGION_WORLDS,
  STORAGE_WORLDS,
} from '../../fixtures/register-worlds.js';

const state = { terraformStateBucket: 'tfstate' };
const byLabel = { backupBuckets: { names: [], labels: { purpose: 'backup' } } };
const byName = (...names: string[]) => ({ backupBuckets: { names, labels: {} } });

/** A primary in us-central1 and its read replica db-dr in us-east1, the replica with the given fields. */
const withDrReplica = (replica: Record<string, unknown>) => ({
  [KEY.sql]: [
    { name: 'db', region: 'us-central1', instanceType: 'CLOUD_SQL_INSTANCE' },
    {
      name: 'db-dr',
      region: 'us-east1',
      instanceType: 'READ_REPLICA_INSTANCE',
      masterInstanceName: 'acme-prod:db',
      ...replica,
    },
  ],
});

const tables: [CheckDefinition, CheckCase[]][] = [
  [
    deployCanary,
    [
      {
        name: 'every production stage is a canary',
        world: DEPLOY_WORLDS.canaryEverywhere,
        outcome: 'pass',
        verdicts: { 'us-central1/web': 'pass', 'europe-west1/api': 'pass' },
      },
      {
        name: 'one pipeline releases all at once',
        world: DEPLOY_WORLDS.oneStandardRelease,
        outcome: 'fail',
        verdicts: { 'europe-west1/api': 'fail' },
        mentions: ['last stage prod: strategy=standard'],
      },
      { name: 'no delivery pipelines', world: DEPLOY_WORLDS.noPipelines, outcome: 'not-applicable' },
      {
        name: 'pipelines unreadable',
        world: withError(DEPLOY_WORLDS.canaryEverywhere, 'deploy.pipelines', DENIED),
        outcome: 'error',
      },
    ],
  ],
  [
    deployRollbackAutomation,
    [
      {
        name: 'a repair rule with a rollback phase',
        world: DEPLOY_WORLDS.withRollback,
        outcome: 'pass',
        mentions: ['rollback automation repair'],
      },
      {
        name: 'the automation is suspended',
        world: DEPLOY_WORLDS.suspendedRollback,
        outcome: 'fail',
        mentions: ['1 suspended'],
      },
      { name: 'retries but never rolls back', world: DEPLOY_WORLDS.retryOnly, outcome: 'fail' },
      {
        name: 'the rollback automation selects only staging',
        world: DEPLOY_WORLDS.rollbackForStagingOnly,
        outcome: 'fail',
        mentions: ['does not select the production target prod'],
      },
      {
        name: 'the rollback automation selects every target of the location',
        world: DEPLOY_WORLDS.rollbackForEveryTarget,
        outcome: 'pass',
        mentions: ['selects target prod'],
      },
      {
        name: 'the rollback automation selects targets by labels gtp does not read: unverified',
        world: DEPLOY_WORLDS.rollbackByLabels,
        outcome: 'error',
        mentions: ['selects targets by labels, which gtp does not read'],
      },
      {
        name: 'one pipeline unverified by labels, another surely without a rollback: the sure fail decides',
        world: {
          ...DEPLOY_WORLDS.canaryEverywhere,
          [KEY.automations('us-central1', 'web')]: (DEPLOY_WORLDS.rollbackByLabels as World)[
            KEY.automations('us-central1', 'web')
          ],
        },
        outcome: 'fail',
        verdicts: { 'europe-west1/api': 'fail' },
        mentions: ['unverified: rollback automation repair selects targets by labels'],
      },
      { name: 'no automations at all', world: DEPLOY_WORLDS.canaryEverywhere, outcome: 'fail' },
      { name: 'no delivery pipelines', world: DEPLOY_WORLDS.noPipelines, outcome: 'not-applicable' },
      {
        name: 'automations unreadable',
        world: withError(DEPLOY_WORLDS.withRollback, 'deploy.automations', DENIED),
        outcome: 'error',
      },
    ],
  ],
  [
    monitoringSloBurnRateAlert,
    [
      { name: 'an enabled burn-rate alert', world: MONITORING_WORLDS.burnRateAlert, outcome: 'pass' },
      {
        name: 'a burn-rate alert that tells nobody',
        world: MONITORING_WORLDS.burnRateWithoutChannels,
        outcome: 'fail',
        mentions: ['notificationChannels=0'],
      },
      {
        name: 'the burn-rate alert is disabled',
        world: MONITORING_WORLDS.burnRateDisabled,
        outcome: 'fail',
        verdicts: { burn: 'fail' },
      },
      { name: 'alerts, none on burn rate', world: MONITORING_WORLDS.unrelatedAlerts, outcome: 'fail' },
      {
        name: 'the burn-rate alert notifies only a disabled channel',
        world: MONITORING_WORLDS.burnRateChannelDisabled,
        outcome: 'fail',
        mentions: ['notifies only projects/acme-prod/notificationChannels/1 which is disabled'],
      },
      {
        name: 'the burn-rate alert is snoozed for a release freeze',
        world: MONITORING_WORLDS.burnRateSnoozed,
        outcome: 'fail',
        mentions: ['snoozed until 2027-06-01T00:00:00.000Z by projects/acme-prod/snoozes/release-freeze'],
      },
      {
        name: 'notification channels unreadable',
        world: withError(MONITORING_WORLDS.burnRateAlert, 'monitoring.notificationChannels', DENIED),
        outcome: 'error',
      },
      {
        name: 'snoozes unreadable',
        world: withError(MONITORING_WORLDS.burnRateAlert, 'monitoring.snoozes', DENIED),
        outcome: 'error',
      },
      {
        name: 'nothing is released here',
        world: MONITORING_WORLDS.burnRateWithoutPipelines,
        outcome: 'not-applicable',
      },
      {
        name: 'alert policies unreadable',
        world: withError(MONITORING_WORLDS.burnRateAlert, 'monitoring.alertPolicies', DENIED),
        outcome: 'error',
      },
    ],
  ],
  [
    monitoringQuotaAlert,
    [
      { name: 'an enabled quota alert that notifies', world: MONITORING_WORLDS.quotaAlert, outcome: 'pass' },
      {
        name: 'a quota alert that tells nobody',
        world: MONITORING_WORLDS.quotaAlertWithoutChannels,
        outcome: 'fail',
        mentions: ['notificationChannels=0'],
      },
      { name: 'a disabled quota alert', world: MONITORING_WORLDS.quotaAlertDisabled, outcome: 'fail' },
      {
        name: 'a quota alert in PromQL, as Google now recommends',
        world: MONITORING_WORLDS.quotaAlertInPromQL,
        outcome: 'pass',
        verdicts: { 'quota-promql': 'pass' },
      },
      { name: 'a quota alert in MQL', world: MONITORING_WORLDS.quotaAlertInMql, outcome: 'pass' },
      {
        name: 'its only channel is disabled',
        world: MONITORING_WORLDS.quotaAlertChannelDisabled,
        outcome: 'fail',
        mentions: ['notifies only projects/acme-prod/notificationChannels/1 which is disabled'],
      },
      {
        name: 'its only channel is unverified, so non-functioning',
        world: MONITORING_WORLDS.quotaAlertChannelUnverified,
        outcome: 'fail',
        mentions: ['which is unverified'],
      },
      {
        name: 'a channel of a type that needs no verification delivers',
        world: MONITORING_WORLDS.quotaAlertChannelNeedsNoVerification,
        outcome: 'pass',
        mentions: ['notifies projects/acme-prod/notificationChannels/1'],
      },
      {
        name: 'one of two channels disabled: the other delivers',
        world: MONITORING_WORLDS.quotaAlertOneChannelOfTwoDisabled,
        outcome: 'pass',
        mentions: ['notifies projects/acme-prod/notificationChannels/2'],
      },
      {
        name: 'a channel the project does not list cannot be judged',
        world: MONITORING_WORLDS.quotaAlertChannelNotListed,
        outcome: 'error',
        mentions: ["notificationChannels/1 which is not among the project's channels"],
      },
      {
        name: 'enabled left out of the answer is not taken as enabled',
        world: MONITORING_WORLDS.quotaAlertEnabledUnset,
        outcome: 'error',
        mentions: ["alert 'quota': enabled is not in the answer"],
      },
      {
        name: 'an active snooze names it',
        world: MONITORING_WORLDS.quotaAlertSnoozed,
        outcome: 'fail',
        mentions: ['snoozed until 2027-06-01T00:00:00.000Z by projects/acme-prod/snoozes/maintenance'],
      },
      {
        name: "a snooze names it with the project's number",
        world: MONITORING_WORLDS.quotaAlertSnoozedByNumber,
        outcome: 'fail',
        mentions: ['snoozed until'],
      },
      {
        name: 'a snooze filter silences the incidents it matches',
        world: MONITORING_WORLDS.quotaAlertSnoozedByFilter,
        outcome: 'fail',
        mentions: ['for incidents matching metric.labels.quota_metric="compute.googleapis.com/cpus"'],
      },
      {
        name: 'snoozes that ended, have not begun or name another policy',
        world: MONITORING_WORLDS.quotaAlertSnoozeOver,
        outcome: 'pass',
      },
      {
        name: 'a snooze whose interval cannot be read',
        world: MONITORING_WORLDS.quotaAlertSnoozeUnreadable,
        outcome: 'error',
        mentions: ['snooze projects/acme-prod/snoozes/broken names this policy, and its interval cannot be read'],
      },
      // Quotas bind every project: there is no project this does not apply to.
      { name: 'no alert policies at all', world: {}, outcome: 'fail' },
      { name: 'alert policies unreadable', world: withError({}, 'monitoring.alertPolicies', DENIED), outcome: 'error' },
    ],
  ],
  [
    storageStateBucket,
    [
      { name: 'versioned, public access prevented', world: STORAGE_WORLDS.stateOk, resources: state, outcome: 'pass' },
      {
        name: 'versioning off',
        world: STORAGE_WORLDS.stateUnversioned,
        resources: state,
        outcome: 'fail',
        mentions: ['versioning.enabled=false'],
      },
      {
        name: 'public access prevention inherited, and the policy above the bucket cannot be read',
        world: STORAGE_WORLDS.statePublicAllowed,
        resources: state,
        outcome: 'error',
        mentions: ['publicAccessPrevention=inherited', 'the bucket names no projectNumber'],
      },
      {
        name: 'inherited, and the organization enforces storage.publicAccessPrevention',
        world: STORAGE_WORLDS.stateInheritsEnforced,
        resources: state,
        outcome: 'pass',
        mentions: [
          'storage.publicAccessPrevention at projects/123456789012: enforced (effective policy; set at organizations/111111111111)',
        ],
      },
      {
        name: 'inherited, and the effective policy does not enforce it',
        world: STORAGE_WORLDS.stateInheritsNotEnforced,
        resources: state,
        outcome: 'fail',
        mentions: ['not enforced (effective policy; set nowhere in the hierarchy)'],
      },
      {
        name: 'inherited, and no policy is set anywhere: the constraint default enforces nothing',
        world: STORAGE_WORLDS.stateInheritsNothingSet,
        resources: state,
        outcome: 'fail',
      },
      {
        name: 'inherited, and the constraint is enforced only in dry-run',
        world: STORAGE_WORLDS.stateInheritsDryRunOnly,
        resources: state,
        outcome: 'fail',
        mentions: ['enforced only in dry-run (dryRunSpec), which prevents nothing'],
      },
      {
        name: 'inherited, and the project resets the policy its organization enforces',
        world: STORAGE_WORLDS.stateInheritsResetAtProject,
        resources: state,
        outcome: 'fail',
        mentions: ['set at projects/123456789012, organizations/111111111111'],
      },
      {
        name: 'inherited, and a folder sets the constraint with a tag condition: a bucket may be exempt',
        world: STORAGE_WORLDS.stateInheritsConditional,
        resources: state,
        outcome: 'error',
        mentions: ['folders/222222222222 set storage.publicAccessPrevention with conditional rules (tags)'],
      },
      {
        name: 'inherited, and a folder above cannot be read',
        world: STORAGE_WORLDS.stateInheritsFolderUnreadable,
        resources: state,
        outcome: 'error',
        mentions: ['folders/222222222222'],
      },
      {
        name: 'unversioned and prevention inherited: a sure fail whatever the organization policy',
        world: {
          [KEY.bucket('tfstate')]: {
            ...(STORAGE_WORLDS.statePublicAllowed[KEY.bucket('tfstate')] as object),
            versioning: { enabled: false },
          },
        },
        resources: state,
        outcome: 'fail',
        mentions: ['versioning.enabled=false, iamConfiguration.publicAccessPrevention=inherited'],
      },
      {
        name: 'the named bucket does not exist',
        world: {},
        resources: state,
        outcome: 'fail',
        mentions: ['does not exist'],
      },
      { name: 'the register names no state bucket', world: STORAGE_WORLDS.stateOk, outcome: 'not-applicable' },
      {
        name: 'bucket unreadable',
        world: withError(STORAGE_WORLDS.stateOk, 'storage.namedBuckets', DENIED),
        resources: state,
        outcome: 'error',
      },
    ],
  ],
  [
    storageBackupBucketLock,
    [
      {
        name: 'labelled backup bucket is locked',
        world: STORAGE_WORLDS.lockedBackups,
        resources: byLabel,
        outcome: 'pass',
        verdicts: { 'backups-a': 'pass' },
      },
      {
        name: 'named backup bucket is locked',
        world: STORAGE_WORLDS.lockedBackups,
        resources: byName('backups-a'),
        outcome: 'pass',
      },
      {
        name: 'one labelled bucket is not locked',
        world: STORAGE_WORLDS.oneUnlocked,
        resources: byLabel,
        outcome: 'fail',
        verdicts: { 'backups-b': 'fail' },
      },
      {
        name: 'a named bucket without retention',
        world: STORAGE_WORLDS.noRetention,
        resources: byName('backups-c'),
        outcome: 'fail',
        mentions: ['no retention policy'],
      },
      { name: 'a named bucket that does not exist', world: {}, resources: byName('gone'), outcome: 'fail' },
      { name: 'no backup buckets named', world: STORAGE_WORLDS.lockedBackups, outcome: 'not-applicable' },
      {
        name: 'soft delete is named, never counted as a lock',
        world: STORAGE_WORLDS.softDeleteOnly,
        resources: byName('backups-d'),
        outcome: 'fail',
        mentions: ['no retention policy; soft delete 7 d (not a lock'],
      },
      {
        name: 'a Backup and DR vault with locked enforced retention, and no bucket',
        world: STORAGE_WORLDS.vaultLocked,
        outcome: 'pass',
        mentions: ['enforced retention 30 d, locked since 2026-01-01T00:00:00Z'],
      },
      {
        name: 'a vault whose lock has not taken effect',
        world: STORAGE_WORLDS.vaultNotYetLocked,
        outcome: 'fail',
        mentions: ['not locked until 2027-01-01T00:00:00Z'],
      },
      {
        name: 'a vault never locked',
        world: STORAGE_WORLDS.vaultNeverLocked,
        outcome: 'fail',
        mentions: ['never locked (no effectiveTime)'],
      },
      {
        name: 'a locked bucket beside an unlocked vault: the vault is a copy that can be deleted',
        world: STORAGE_WORLDS.lockedBucketUnlockedVault,
        resources: byName('backups-a'),
        outcome: 'fail',
        verdicts: { 'backups-a': 'pass', 'vault sql-vault': 'fail' },
      },
      {
        name: 'vaults unreadable',
        world: withError(STORAGE_WORLDS.lockedBackups, 'backupdr.vaults', DENIED),
        resources: byLabel,
        outcome: 'error',
      },
      {
        name: 'buckets unreadable',
        world: withError(STORAGE_WORLDS.lockedBackups, 'storage.buckets', DENIED),
        resources: byLabel,
        outcome: 'error',
      },
    ],
  ],
  [
    gkeMultiRegion,
    [
      {
        name: 'clusters in two regions',
        world: REGION_WORLDS.twoRegions,
        outcome: 'pass',
        mentions: ['us-central1, us-east1'],
      },
      { name: 'a regional and a zonal cluster of one region', world: REGION_WORLDS.oneRegion, outcome: 'fail' },
      { name: 'no clusters', world: {}, outcome: 'not-applicable' },
      { name: 'clusters unreadable', world: withError({}, 'gke.clusters', DENIED), outcome: 'error' },
    ],
  ],
  [
    sqlCrossRegionReplica,
    [
      {
        name: 'replica in another region',
        world: REGION_WORLDS.crossRegionReplica,
        outcome: 'pass',
        verdicts: { db: 'pass', 'db-dr': 'not-applicable' },
      },
      {
        name: 'replica in the same region only',
        world: REGION_WORLDS.sameRegionReplica,
        outcome: 'fail',
        mentions: ['db-read (us-central1)'],
      },
      {
        name: 'a cascading replica in another region is a cross-region copy',
        world: REGION_WORLDS.cascadingCrossRegion,
        outcome: 'pass',
        verdicts: { db: 'pass' },
        mentions: ['db-read (us-central1), db-dr (us-east1)'],
      },
      // In force when the replica replicates (sqladmin v1 reference): stopReplica leaves "a read-only instance that
      // is no longer replicating from its primary"; activationPolicy NEVER: "The instance never starts".
      ...(
        [
          [
            { databaseReplicationEnabled: false },
            {},
            'replication stopped (settings.databaseReplicationEnabled: false)',
          ],
          [{ activationPolicy: 'NEVER' }, {}, 'stopped (settings.activationPolicy: NEVER)'],
          [{}, { state: 'SUSPENDED' }, 'not running (state: SUSPENDED)'],
        ] as const
      ).map(([settings, top, why]): CheckCase => ({
        name: `a cross-region replica that does not replicate: ${why}`,
        world: withDrReplica({ ...top, settings: { tier: 'db-custom-2-7680', ...settings } }),
        outcome: 'fail',
        mentions: [`db-dr (us-east1: ${why})`],
      })),
      {
        name: 'a cross-region replica replicating and running passes',
        world: withDrReplica({
          state: 'RUNNABLE',
          settings: { databaseReplicationEnabled: true, activationPolicy: 'ALWAYS' },
        }),
        outcome: 'pass',
      },
      {
        name: 'a primary without a region cannot be judged',
        world: {
          [KEY.sql]: [
            { name: 'db', instanceType: 'CLOUD_SQL_INSTANCE' },
            {
              name: 'db-dr',
              region: 'us-east1',
              instanceType: 'READ_REPLICA_INSTANCE',
              masterInstanceName: 'acme-prod:db',
            },
          ],
        },
        outcome: 'error',
        mentions: ['sql.instances: db.region is missing'],
      },
      { name: 'no instances', world: {}, outcome: 'not-applicable' },
      { name: 'instances unreadable', world: withError({}, 'sql.instances', DENIED), outcome: 'error' },
    ],
  ],
  [
    lbGlobalExternal,
    [
      { name: 'a global external backend', world: EDGE_WORLDS.strictWaf, outcome: 'pass' },
      { name: 'regional external only', world: EDGE_WORLDS.regionalExternalOnly, outcome: 'fail' },
      { name: 'nothing internet-facing', world: EDGE_WORLDS.internalOnly, outcome: 'not-applicable' },
      { name: 'backends unreadable', world: withError({}, 'compute.backendServices', DENIED), outcome: 'error' },
    ],
  ],
  [
    armorWafRules,
    [
      {
        name: 'enforced SQLi and XSS rules and a throttle',
        world: EDGE_WORLDS.strictWaf,
        outcome: 'pass',
        mentions: ['WAF sqli+xss, rate limiting on'],
      },
      {
        name: 'the SQLi rule is only in preview',
        world: EDGE_WORLDS.wafInPreview,
        outcome: 'fail',
        mentions: ['missing sqli WAF rule', 'in preview'],
      },
      {
        name: 'a SQLi rule at sensitivity 0 enables no signatures',
        world: EDGE_WORLDS.wafAtSensitivityZero,
        outcome: 'fail',
        mentions: ['missing sqli WAF rule', 'sqli at sensitivity 0 enables no signatures'],
      },
      {
        name: 'a WAF rule with signatures opted out still covers its family (the documented way to tune it)',
        world: EDGE_WORLDS.xssWithSignaturesOptedOut,
        outcome: 'pass',
        mentions: [
          'xss with 2 signature(s) opted out (owasp-crs-v030301-id941180-xss, owasp-crs-v030301-id941320-xss)',
        ],
      },
      {
        name: 'a SQLi rule at sensitivity 1',
        world: EDGE_WORLDS.wafAtSensitivityOne,
        outcome: 'pass',
      },
      {
        name: 'an allow on every request at a higher priority leaves the deny rules unreached',
        world: EDGE_WORLDS.allowAllFirst,
        outcome: 'fail',
        mentions: ['WAF none, rate limiting off', 'rule 10 (allow) matches every request: rules 1000, 1001, 2000'],
      },
      {
        name: 'a SQLi call under && covers one path only',
        world: EDGE_WORLDS.wafNarrowedByPath,
        outcome: 'fail',
        mentions: ['missing sqli WAF rule', 'rule 1000: a WAF call narrowed by other conditions'],
      },
      {
        name: 'a WAF call written inside a string literal (after an escaped quote) is text, not a rule',
        world: EDGE_WORLDS.wafCallInsideString,
        outcome: 'fail',
        mentions: ['missing sqli WAF rule'],
      },
      {
        name: 'SQLi and XSS calls as operands of a top-level ||',
        world: EDGE_WORLDS.wafOrOtherCondition,
        outcome: 'pass',
        mentions: ['WAF sqli+xss'],
      },
      {
        name: 'a throttle on every request ahead of the WAF rules allows all under its threshold',
        world: EDGE_WORLDS.throttleAllFirst,
        outcome: 'fail',
        mentions: [
          'WAF none, rate limiting on',
          'rule 100 (throttle) matches every request and allows all under its threshold: rules 1000, 1001',
        ],
      },
      {
        name: 'an allow for one source range first is an exception, not a bypass',
        world: EDGE_WORLDS.allowOfficeFirst,
        outcome: 'pass',
      },
      {
        name: 'a rate rule without rateLimitOptions is malformed',
        world: EDGE_WORLDS.rateRuleWithoutOptions,
        outcome: 'fail',
        mentions: ['has no rateLimitOptions'],
      },
      { name: 'no policy attached', world: EDGE_WORLDS.noPolicyAttached, outcome: 'fail' },
      {
        name: 'a passthrough network load balancer takes no HTTP WAF rules',
        world: EDGE_WORLDS.passthroughOnly,
        outcome: 'not-applicable',
        verdicts: { game: 'not-applicable' },
        mentions: ['protocol TCP'],
      },
      { name: 'nothing internet-facing', world: { ...EDGE_WORLDS.internalOnly }, outcome: 'not-applicable' },
      {
        name: 'policies unreadable',
        world: withError(EDGE_WORLDS.strictWaf, 'compute.securityPolicies', DENIED),
        outcome: 'error',
      },
    ],
  ],
  [
    billingBudgetPubsub,
    [
      { name: 'project budget publishes to Pub/Sub', world: BILLING_WORLDS.withPubsub, outcome: 'pass' },
      {
        name: 'project budget without a topic',
        world: BILLING_WORLDS.projectBudget,
        outcome: 'fail',
        mentions: ['pubsubTopic=none'],
      },
      { name: 'no billing account', world: BILLING_WORLDS.billingDisabled, outcome: 'not-applicable' },
      {
        name: 'budgets unreadable',
        world: withError(BILLING_WORLDS.withPubsub, 'billing.budgets', DENIED),
        outcome: 'error',
      },
    ],
  ],
  [
    iamDataAccessLogs,
    [
      { name: 'all three log types for allServices', world: GOVERNANCE_WORLDS.allDataAccessLogs, outcome: 'pass' },
      {
        name: 'admin reads only',
        world: GOVERNANCE_WORLDS.adminReadOnly,
        outcome: 'fail',
        mentions: ['missing DATA_READ, DATA_WRITE', 'per-service configs: storage.googleapis.com'],
      },
      {
        name: "each type from another level: the project's, its folder's and its organization's",
        world: GOVERNANCE_WORLDS.inheritedFromAbove,
        outcome: 'pass',
        verdicts: { allServices: 'pass', 'project allServices': 'not-applicable' },
        mentions: [
          'inherited from folders/222222222222: logTypes=DATA_READ',
          'inherited from organizations/111111111111',
        ],
      },
      {
        name: 'the organization adds DATA_READ, nobody DATA_WRITE',
        world: GOVERNANCE_WORLDS.notInheritedEither,
        outcome: 'fail',
        mentions: ['missing DATA_WRITE'],
      },
      {
        name: 'a folder above that cannot be read leaves the missing types unverified',
        world: GOVERNANCE_WORLDS.folderUnreadable,
        outcome: 'error',
        mentions: ['missing DATA_READ, DATA_WRITE at the levels read; could not read folders/999999999999: '],
      },
      // Every project has an IAM policy: a project without audit configs fails rather than not applying.
      {
        name: 'no audit configuration at all',
        world: { ...GOVERNANCE_WORLDS.allDataAccessLogs, [KEY.iamPolicy]: { version: 1 } },
        outcome: 'fail',
      },
      { name: 'policy unreadable', world: withError({}, 'resourcemanager.iamPolicy', DENIED), outcome: 'error' },
      {
        name: "the project's own _Default sink stores them, as Logging creates it",
        world: GOVERNANCE_WORLDS.allDataAccessLogs,
        outcome: 'pass',
        verdicts: { 'cloudaudit.googleapis.com/data_access': 'pass' },
        mentions: ['stored: routed by projects/acme-prod/sinks/_Default to logging.googleapis.com/projects/acme-prod'],
      },
      {
        name: 'an exclusion on the _Default sink drops every Data Access entry',
        world: GOVERNANCE_WORLDS.defaultSinkExcludesDataAccess,
        outcome: 'fail',
        verdicts: { allServices: 'pass', 'cloudaudit.googleapis.com/data_access': 'fail' },
        mentions: ['exclusion no-data-access drops it (LOG_ID("cloudaudit.googleapis.com/data_access"))'],
      },
      {
        name: 'the _Default sink is disabled',
        world: GOVERNANCE_WORLDS.defaultSinkDisabled,
        outcome: 'fail',
        mentions: ['projects/acme-prod/sinks/_Default: it is disabled'],
      },
      {
        name: 'an exclusion of another log leaves them stored',
        world: GOVERNANCE_WORLDS.defaultSinkExcludesAnotherLog,
        outcome: 'pass',
      },
      {
        name: 'an exclusion on resource and severity may drop some: unverified',
        world: GOVERNANCE_WORLDS.defaultSinkExcludesUndecided,
        outcome: 'error',
        mentions: ['exclusion gcs-noise may drop part of it'],
      },
      {
        name: 'a disabled exclusion excludes nothing',
        world: GOVERNANCE_WORLDS.defaultSinkExclusionDisabled,
        outcome: 'pass',
      },
      {
        name: 'the _Default sink off, a sink of its own to BigQuery',
        world: GOVERNANCE_WORLDS.dataAccessToBigQuery,
        outcome: 'pass',
        mentions: ['routed by projects/acme-prod/sinks/audit-to-bq to bigquery.googleapis.com/'],
      },
      {
        name: 'only a Pub/Sub topic receives them: unverified',
        world: GOVERNANCE_WORLDS.dataAccessOnlyToPubSub,
        outcome: 'error',
        mentions: ['projects/acme-prod/sinks/siem routes them to pubsub.googleapis.com/projects/acme-prod/topics/siem'],
      },
      {
        name: "an organization's intercepting sink takes them to another project: unverified",
        world: GOVERNANCE_WORLDS.dataAccessIntercepted,
        outcome: 'error',
        mentions: ['organizations/111111111111/sinks/central-audit intercepts them'],
      },
      {
        name: 'what is not configured fails, whatever the sinks',
        world: { ...GOVERNANCE_WORLDS.dataAccessIntercepted, [KEY.iamPolicy]: { version: 1 } },
        outcome: 'fail',
      },
      {
        name: 'sinks unreadable',
        world: withError(GOVERNANCE_WORLDS.allDataAccessLogs, 'logging.sinks', DENIED),
        outcome: 'error',
      },
    ],
  ],
  [
    iamJustInTimeAccess,
    [
      {
        name: 'a group holds owner standing',
        world: GOVERNANCE_WORLDS.jitStandingOwner,
        outcome: 'fail',
        verdicts: { 'group:platform-admins@acme.example': 'fail' },
        mentions: ['roles/owner, standing'],
      },
      {
        name: 'owner only through a PAM entitlement, for an hour, with an approver',
        world: GOVERNANCE_WORLDS.jitThroughPam,
        outcome: 'pass',
        mentions: [
          'just in time: roles/owner for group:platform-admins@acme.example, at most 1 h a request, approved by group:security@acme.example',
        ],
      },
      {
        name: 'a binding whose condition expires (request.time < timestamp)',
        world: GOVERNANCE_WORLDS.jitExpiringCondition,
        outcome: 'pass',
        mentions: ['roles/editor until 2026-11-27T00:00:00.000Z (condition incident 4711)'],
      },
      {
        name: 'a condition that expired grants nothing now',
        world: GOVERNANCE_WORLDS.jitExpiredCondition,
        outcome: 'not-applicable',
      },
      {
        name: 'a condition that does not expire is standing access',
        world: GOVERNANCE_WORLDS.jitConditionNotExpiring,
        outcome: 'fail',
        mentions: ['its condition does not expire'],
      },
      {
        name: 'owner inherited from the organization',
        world: GOVERNANCE_WORLDS.jitInheritedOwner,
        outcome: 'fail',
        mentions: ['roles/owner (inherited from organizations/111111111111), standing'],
      },
      { name: 'every signed-in account holds editor', world: GOVERNANCE_WORLDS.jitEveryone, outcome: 'fail' },
      {
        name: 'a service account with editor is named, a service agent is not',
        world: GOVERNANCE_WORLDS.jitServiceAccounts,
        outcome: 'not-applicable',
        verdicts: { 'serviceAccount:deployer@acme-prod.iam.gserviceaccount.com': 'not-applicable' },
        mentions: ['a service account, not a person'],
      },
      {
        name: 'an entitlement being deleted is no way in',
        world: GOVERNANCE_WORLDS.jitEntitlementDeleting,
        outcome: 'not-applicable',
        mentions: ['not usable (state DELETING'],
      },
      {
        name: 'a folder above that cannot be read may hold a standing binding: unverified',
        world: GOVERNANCE_WORLDS.jitFolderUnreadable,
        outcome: 'error',
        mentions: ['could not read folders/999999999999'],
      },
      {
        name: 'entitlements unreadable',
        world: withError(GOVERNANCE_WORLDS.jitThroughPam, 'pam.entitlements', DENIED),
        outcome: 'error',
      },
    ],
  ],
  [
    binauthzEnforced,
    [
      {
        name: 'policy requires attestations and clusters enforce it',
        world: GOVERNANCE_WORLDS.enforcedBinauthz,
        outcome: 'pass',
      },
      {
        name: 'dry run only logs',
        world: GOVERNANCE_WORLDS.dryRunBinauthz,
        outcome: 'fail',
        verdicts: { policy: 'fail' },
      },
      {
        name: 'a cluster that does not evaluate the policy',
        world: GOVERNANCE_WORLDS.clusterNotEnforcing,
        outcome: 'fail',
        verdicts: { legacy: 'fail', prod: 'pass' },
      },
      {
        name: 'the default policy allows everything',
        world: { ...REGION_WORLDS.twoRegions },
        outcome: 'fail',
        mentions: ['ALWAYS_ALLOW'],
      },
      {
        name: 'a cluster rule that allows everything overrides the enforced default for that cluster',
        world: GOVERNANCE_WORLDS.clusterOverrideAllows,
        outcome: 'fail',
        verdicts: { policy: 'pass', prod: 'fail' },
        mentions: ['clusterAdmissionRules[us-central1.prod]: evaluationMode=ALWAYS_ALLOW'],
      },
      {
        name: 'every cluster has an enforced rule of its own: the permissive default decides nothing',
        world: GOVERNANCE_WORLDS.clusterOverrideEnforces,
        outcome: 'pass',
        verdicts: { policy: 'not-applicable', prod: 'pass' },
      },
      {
        name: 'a namespace rule in dry run admits that namespace on every cluster',
        world: GOVERNANCE_WORLDS.namespaceOverrideAllows,
        outcome: 'fail',
        verdicts: { 'kubernetesNamespaceAdmissionRules[payments]': 'fail', prod: 'pass' },
      },
      {
        name: 'an allowlist pattern that admits a whole registry',
        world: GOVERNANCE_WORLDS.registryAllowlisted,
        outcome: 'fail',
        verdicts: {
          'admissionWhitelistPatterns[docker.io/**]': 'fail',
          'admissionWhitelistPatterns[gcr.io/google_containers/*]': 'pass',
        },
      },
      {
        name: 'allowlisted system images only',
        world: GOVERNANCE_WORLDS.systemImagesAllowlisted,
        outcome: 'pass',
        mentions: ['always admits the images it names'],
      },
      { name: 'no clusters', world: {}, outcome: 'not-applicable' },
      {
        name: 'policy unreadable',
        world: withError(GOVERNANCE_WORLDS.enforcedBinauthz, 'binauthz.policy', DENIED),
        outcome: 'error',
      },
      {
        name: 'override rules of another shape than the API documents cannot be judged',
        // Not a world Google could answer (the discovery tests check those): a lying response.
        world: {
          ...GOVERNANCE_WORLDS.enforcedBinauthz,
          [KEY.binauthz]: { name: 'projects/acme-prod/policy', clusterAdmissionRules: [] },
        },
        outcome: 'error',
        mentions: ['binauthz.policy.clusterAdmissionRules'],
      },
    ],
  ],
];

export default tables;
