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
      settings: {
        backupConfiguration: {
          enabled: { value: true },
          binaryLogEnabled: { value: false },
          pointInTimeRecoveryEnabled: null,
        },
        deletionProtectionEnabled: { value: true },
      },
    };
    expect(await toRestJson(fromClient, '@google-cloud/sql', 'google.cloud.sql.v1.DatabaseInstance')).toEqual({
      name: 'db',
      databaseVersion: 'POSTGRES_15',
      settings: { backupConfiguration: { enabled: true, binaryLogEnabled: false }, deletionProtectionEnabled: true },
    });
  });

  it('keeps an empty message, whose presence is the information, but not an empty map', async () => {
    const fromClient = {
      name: 'p',
      labels: {},
      serialPipeline: { stages: [{ targetId: 'prod', profiles: [], strategy: { canary: {}, standard: null } }] },
    };
    expect(await toRestJson(fromClient, '@google-cloud/deploy', 'google.cloud.deploy.v1.DeliveryPipeline')).toEqual({
      name: 'p',
      serialPipeline: { stages: [{ targetId: 'prod', strategy: { canary: {} } }] },
    });
  });

  it('drops the markers that REST clients add for optional fields', () => {
    expect(
      prune({ name: 'web', _name: 'name', backends: [], securityPolicy: 'p', _securityPolicy: 'securityPolicy' }),
    ).toEqual({ name: 'web', securityPolicy: 'p' });
  });
});
