import * as z from 'zod';

/**
 * What a failing Cloud SQL resource carries to its Terraform fix: the instance as the Admin API returned it, with
 * the fields the generators write from typed (sqladmin v1 DatabaseInstance). Other fields pass through.
 */
export const sqlInstanceEvidence = z.looseObject({
  name: z.string().min(1),
  region: z.string().optional(),
  databaseVersion: z.string().optional(),
  instanceType: z.string().optional(),
  masterInstanceName: z.string().optional(),
  settings: z
    .looseObject({
      tier: z.string().optional(),
      availabilityType: z.string().optional(),
      deletionProtectionEnabled: z.boolean().optional(),
      userLabels: z.record(z.string(), z.string()).optional(),
      backupConfiguration: z
        .looseObject({
          enabled: z.boolean().optional(),
          startTime: z.string().optional(),
          binaryLogEnabled: z.boolean().optional(),
          pointInTimeRecoveryEnabled: z.boolean().optional(),
          transactionLogRetentionDays: z.number().int().optional(),
          backupRetentionSettings: z
            .looseObject({ retainedBackups: z.number().int().optional(), retentionUnit: z.string().optional() })
            .optional(),
        })
        .optional(),
    })
    .optional(),
});
