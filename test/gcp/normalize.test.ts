import { describe, expect, it } from 'vitest';
import { prune, toRestJson } from '../../src/gcp/normalize.js';

describe('client objects back to REST JSON', () => {
  it('unwraps wrapper fields and drops the defaults the library filled in', async () => {
    const fromClient = {
      name: 'db',
      kind: '',
      replicaNames: [],
      state: 'SQL_INSTANCE_STATE_UNSPECIFIED',
      databaseVersion: 'POSTGRES_15',
      settings: { backupConfiguration: { enabled: { value: true }, binaryLogEnabled: { value: false }, pointInTimeRecoveryEnabled: null }, deletionProtectionEnabled: { value: true } },
    };
    expect(await toRestJson(fromClient, '@google-cloud/sql', 'google.cloud.sql.v1.DatabaseInstance')).toEqual({
      name: 'db',
      databaseVersion: 'POSTGRES_15',
      settings: { backupConfiguration: { enabled: true, binaryLogEnabled: false }, deletionProtectionEnabled: true },
    });
  });

  it('drops the markers that REST clients add for optional fields', () => {
    expect(prune({ name: 'web', _name: 'name', backends: [], securityPolicy: 'p', _securityPolicy: 'securityPolicy' })).toEqual({ name: 'web', securityPolicy: 'p' });
  });
});
