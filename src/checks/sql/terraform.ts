import type { CheckResult } from '../../audit/result.js';
import { roleOf, type SqlInstance } from '../../gcp/model/sql.js';
import { attr, blank, block, comment, expr, tfName, type Body } from '../../terraform/hcl.js';
import type { TerraformFix } from '../../terraform/kit.js';
import { MANAGED_BY_BACKUP_DR } from './enhanced.js';
import type { RemediationContext, Remediation } from '../../terraform/types.js';

type Instance = SqlInstance;

const isReplica = (i: Instance) => roleOf(i) === 'replica';

/** The instance as Terraform would hold it, written from the live API data with every failing SQL fix applied. */
function instanceResource(instance: Instance, fixes: Set<string>, project: string): Body {
  const s = instance.settings ?? {};
  const b = s.backupConfiguration ?? {};
  const mysql = instance.databaseVersion?.startsWith('MYSQL') ?? false;
  const replica = isReplica(instance);
  const backups = fixes.has('sql.backups') || fixes.has('sql.pitr') ? true : b.enabled;
  const pitr = fixes.has('sql.pitr') ? true : mysql ? b.binaryLogEnabled : b.pointInTimeRecoveryEnabled;
  const backup: Body = replica
    ? []
    : [
        blank,
        block(
          'backup_configuration',
          [],
          [
            ...attr('enabled', backups ?? false),
            ...attr('start_time', b.startTime),
            ...attr(mysql ? 'binary_log_enabled' : 'point_in_time_recovery_enabled', pitr ?? false),
            ...attr('transaction_log_retention_days', b.transactionLogRetentionDays),
            ...(b.backupRetentionSettings?.retainedBackups !== undefined
              ? [
                  blank,
                  block(
                    'backup_retention_settings',
                    [],
                    [
                      ...attr('retained_backups', b.backupRetentionSettings.retainedBackups),
                      ...attr('retention_unit', b.backupRetentionSettings.retentionUnit),
                    ],
                  ),
                ]
              : []),
          ],
        ),
      ];
  return [
    ...attr('project', project),
    ...attr('name', instance.name),
    ...attr('region', instance.region),
    ...attr('database_version', instance.databaseVersion),
    ...attr('master_instance_name', instance.masterInstanceName?.split(':').at(-1)),
    // Terraform's own guard against `terraform destroy`; the API flag is settings.deletion_protection_enabled.
    ...attr('deletion_protection', true),
    blank,
    block(
      'settings',
      [],
      [
        ...attr('tier', s.tier ?? 'db-custom-2-7680'),
        ...attr(
          'availability_type',
          replica ? s.availabilityType : fixes.has('sql.high-availability') ? 'REGIONAL' : s.availabilityType,
        ),
        ...attr(
          'deletion_protection_enabled',
          fixes.has('sql.deletion-protection') ? true : s.deletionProtectionEnabled,
        ),
        ...attr('user_labels', s.userLabels && Object.keys(s.userLabels).length > 0 ? s.userLabels : undefined),
        ...backup,
      ],
    ),
  ];
}

const RISKS: Record<string, string> = {
  'sql.pitr':
    'Enabling point-in-time recovery turns on write-ahead-log or binary-log archiving; on MySQL and on some PostgreSQL versions the instance restarts. Apply in a maintenance window.',
  'sql.backups': 'Enabling automated backups takes a first backup; no restart.',
  'sql.deletion-protection':
    'No restart. Deleting the instance later needs deletion_protection_enabled = false first, on purpose.',
  'sql.high-availability':
    'Switching to REGIONAL adds a standby in another zone: the instance restarts and its cost roughly doubles.',
};

/**
 * One import block and one resource per failing instance, in the file of the first failing SQL check: several
 * fixes on one instance must be one resource, or Terraform would manage it twice. `checks` are the failing
 * checks of the group (those whose definition names SQL_SETTINGS_FIX), in catalogue order.
 */
export function sqlSettingRemediations(failing: readonly CheckResult[], ctx: RemediationContext): Remediation[] {
  const fixesByInstance = new Map<string, { instance: Instance; fixes: Set<string> }>();
  for (const check of failing) {
    for (const r of check.resources.filter((x) => x.verdict === 'fail' && x.data)) {
      const entry = fixesByInstance.get(r.name) ?? { instance: r.data as Instance, fixes: new Set<string>() };
      // A replica failing through its primary is fixed on the primary.
      if (!(isReplica(entry.instance) && check.id !== 'sql.deletion-protection')) entry.fixes.add(check.id);
      fixesByInstance.set(r.name, entry);
    }
  }
  const home = failing[0]?.id;
  return failing.map((check) => {
    const names = check.resources.filter((r) => r.verdict === 'fail').map((r) => r.name);
    const header = [
      `${check.id}: ${check.title}`,
      `Resources: ${names.join(', ')}`,
      `Change: ${check.remediation.text}`,
      `Risks: ${RISKS[check.id]}`,
    ];
    if (check.id !== home) {
      return {
        check: check.id,
        blocks: [
          comment(
            [
              ...header,
              '',
              `Applied in ${home}.tf, which imports each instance once and writes it with every SQL fix: ${[...fixesByInstance.keys()].map((n) => `google_sql_database_instance.${tfName(n)}`).join(', ')}.`,
            ].join('\n'),
          ),
        ],
      };
    }
    const unwritten = check.resources
      .filter((r) => r.verdict === 'fail' && r.detail.includes(MANAGED_BY_BACKUP_DR))
      .map((r) => r.name);
    const blocks = [
      comment(
        [
          ...header,
          '',
          ...(fixesByInstance.size > 0
            ? [
                'Each instance is imported as it is and written from the live API data with the fixes applied,',
                'so that `terraform plan` shows only the fix. Other SQL checks that fail on these instances are',
                `applied here too: ${[...new Set([...fixesByInstance.values()].flatMap((e) => [...e.fixes]))].join(', ')}.`,
              ]
            : []),
          // Enhanced backups: Backup and DR takes the backups, so turning Cloud SQL's own on is not the fix.
          ...(unwritten.length > 0
            ? [
                `Not written here: ${unwritten.join(', ')}, whose backups Backup and DR manages (enhanced backups):`,
                'the fix is in the backup plan and its association, as the evidence says.',
              ]
            : []),
        ].join('\n'),
      ),
    ];
    return {
      check: check.id,
      blocks: [
        ...blocks,
        ...[...fixesByInstance.entries()].flatMap(([name, { instance, fixes }]) => [
          block(
            'import',
            [],
            [
              ...attr('to', expr(`google_sql_database_instance.${tfName(name)}`)),
              ...attr('id', `projects/${ctx.project}/instances/${name}`),
            ],
          ),
          block(
            'resource',
            ['google_sql_database_instance', tfName(name)],
            instanceResource(instance, fixes, ctx.project),
          ),
        ]),
      ],
    };
  });
}

/** A read replica in another region for each primary that lacks one: a new resource, emitted whole. */
export function crossRegionReplica(check: CheckResult, ctx: RemediationContext): Remediation {
  const primaries = check.resources.filter((r) => r.verdict === 'fail' && r.data).map((r) => r.data as Instance);
  return {
    check: check.id,
    blocks: [
      comment(
        [
          `${check.id}: ${check.title}`,
          `Resources: ${primaries.map((p) => p.name).join(', ')}`,
          `Change: ${check.remediation.text}`,
          'Risks: a new instance (cost of one more instance per primary); creating it snapshots the primary, which adds load while it runs.',
        ].join('\n'),
      ),
      block(
        'variable',
        ['replica_region'],
        [
          ...attr('description', 'Region of the cross-region read replicas.'),
          ...attr('type', expr('string')),
          ...attr('default', 'us-east1'),
        ],
      ),
      ...primaries.map((p) =>
        block(
          'resource',
          ['google_sql_database_instance', tfName(`${p.name}-dr`)],
          [
            ...attr('project', ctx.project),
            ...attr('name', `${p.name}-dr`),
            ...attr('region', expr('var.replica_region')),
            ...attr('database_version', p.databaseVersion),
            ...attr('master_instance_name', p.name),
            ...attr('deletion_protection', true),
            blank,
            block(
              'settings',
              [],
              [
                ...attr('tier', p.settings?.tier ?? 'db-custom-2-7680'),
                ...attr('availability_type', 'ZONAL'),
                ...attr('deletion_protection_enabled', true),
              ],
            ),
          ],
        ),
      ),
    ],
  };
}

/** The Cloud SQL settings fixes, written together: one resource per instance however many of them fail. */
export const SQL_SETTINGS_FIX: TerraformFix = { group: 'sql-settings', generate: sqlSettingRemediations };
