import { MalformedResponse } from '../response-shape.js';

/** The JSON type a REST field has in its discovery document: `integer` fields of format int64 come as strings. */
export type FieldType = 'boolean' | 'string' | 'integer' | 'int64' | 'number';

/**
 * The fields a verdict rests on, per route (by its id), with their types in the API's REST schema (each one
 * checked against the discovery document by test/gcp/field-types.test.ts). A value of another type (the string
 * "false" where a boolean belongs) makes the answer unreadable, naming the resource and the field: a check must
 * never read `"false"` as "not true", nor a client library's coercion of it as `true`.
 */
export const FIELD_TYPES: Record<string, Record<string, FieldType>> = {
  'sqladmin.instances.list': {
    name: 'string',
    region: 'string',
    databaseVersion: 'string',
    instanceType: 'string',
    masterInstanceName: 'string',
    state: 'string',
    'settings.availabilityType': 'string',
    'settings.activationPolicy': 'string',
    'settings.databaseReplicationEnabled': 'boolean',
    'settings.deletionProtectionEnabled': 'boolean',
    'settings.backupConfiguration.enabled': 'boolean',
    'settings.backupConfiguration.binaryLogEnabled': 'boolean',
    'settings.backupConfiguration.pointInTimeRecoveryEnabled': 'boolean',
    'settings.backupConfiguration.transactionLogRetentionDays': 'integer',
    'settings.backupConfiguration.backupRetentionSettings.retainedBackups': 'integer',
    'settings.backupConfiguration.backupTier': 'string',
    'settings.ipConfiguration.requireSsl': 'boolean',
    'settings.ipConfiguration.sslMode': 'string',
  },
  'backupdr.projects.locations.backupPlanAssociations.list': {
    name: 'string',
    resourceType: 'string',
    resource: 'string',
    backupPlan: 'string',
    state: 'string',
  },
  'backupdr.projects.locations.backupPlans.list': {
    name: 'string',
    state: 'string',
    logRetentionDays: 'string',
  },
};

const describe = (v: unknown) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'string'
        ? `the string ${JSON.stringify(v)}`
        : `${typeof v} ${JSON.stringify(v)}`;

function fits(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'int64':
      return (
        (typeof value === 'string' && /^-?\d+$/.test(value)) || (typeof value === 'number' && Number.isInteger(value))
      );
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/** Throws MalformedResponse naming the first resource and field whose value is not of its REST type. */
export function assertFieldTypes(routeId: string, key: string, answer: unknown): void {
  const types = FIELD_TYPES[routeId];
  if (!types) return;
  const items = Array.isArray(answer) ? answer : [answer];
  items.forEach((item, i) => {
    for (const [path, type] of Object.entries(types)) {
      let value: unknown = item;
      for (const part of path.split('.'))
        value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[part];
      if (value === undefined || fits(value, type)) continue;
      const name = (item as { name?: unknown } | null)?.name;
      const which = typeof name === 'string' ? name : `[${i}]`;
      throw new MalformedResponse(
        `${key}: ${which}: ${path} must be ${type === 'int64' ? 'an int64 (a string of digits)' : `a${type === 'integer' ? 'n' : ''} ${type}`}, got ${describe(value)}`,
      );
    }
  });
}
