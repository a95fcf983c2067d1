import type { Credentials, InstanceTls } from './connection.js';
import { judge } from './expectations.js';
import type { VerificationResult } from '../evidence/record.js';
import type { VerificationSpec } from './verify-spec.js';

export interface Target {
  host: string;
  port: number;
  credentials: Credentials;
  /** The moment the restored data is from (freshness is measured from it). */
  restorePoint: Date;
  /** Longest a single query may run. */
  queryTimeoutMs: number;
  /** TLS verified against the instance's CA; absent: an unencrypted connection. */
  tls?: InstanceTls;
}

/**
 * Runs every check of the verification file against the restored instance, each in a read-only transaction.
 * A check that cannot run (no connection, an SQL error) is an error, never a pass.
 */
export async function runVerification(spec: VerificationSpec, target: Target): Promise<VerificationResult[]> {
  const { default: pg } = await import('pg');
  const clients = new Map<string, Promise<InstanceType<typeof pg.Client>>>();
  const connect = (database: string) => {
    let client = clients.get(database);
    if (!client) {
      const c = new pg.Client({
        host: target.host,
        port: target.port,
        user: target.credentials.user,
        password: target.credentials.password,
        database,
        connectionTimeoutMillis: 30_000,
        query_timeout: target.queryTimeoutMs,
        application_name: 'gtp-drill',
        // Every transaction of the session is read-only by default, beneath the BEGIN READ ONLY of each check.
        options: '-c default_transaction_read_only=on',
        ...(target.tls
          ? {
              ssl: {
                ca: target.tls.ca,
                rejectUnauthorized: true,
                checkServerIdentity: target.tls.checkServerIdentity as never,
              },
            }
          : {}),
      });
      // A connection dropped while idle must not end the process.
      c.on('error', () => undefined);
      client = c.connect().then(() => c);
      clients.set(database, client);
    }
    return client;
  };
  const results: VerificationResult[] = [];
  try {
    for (const check of spec.checks) {
      try {
        const client = await connect(check.database ?? spec.database);
        await client.query('BEGIN READ ONLY');
        try {
          // The extended protocol runs exactly one statement: a check written as `COMMIT; CREATE TABLE …` is
          // refused instead of ending the read-only transaction.
          // (queryMode is pg's own option since 8.12; its type declarations do not list it yet.)
          const { rows } = await client.query({ text: check.sql, queryMode: 'extended' } as import('pg').QueryConfig);
          results.push({
            name: check.name,
            ...judge(check.expect, rows as Record<string, unknown>[], target.restorePoint),
          });
        } finally {
          await client.query('ROLLBACK').catch(() => undefined);
        }
      } catch (error) {
        results.push({
          name: check.name,
          outcome: 'error',
          expected: describeExpectation(check.expect),
          actual: (error as Error).message,
        });
      }
    }
  } finally {
    await Promise.all(
      [...clients.values()].map((c) =>
        c
          .then(
            (client) => client.end(),
            () => undefined,
          )
          .catch(() => undefined),
      ),
    );
  }
  return results;
}

function describeExpectation(expect: VerificationSpec['checks'][number]['expect']): string {
  const [key, value] = Object.entries(expect).find(([, v]) => v !== undefined)!;
  return `${key}: ${String(value)}`;
}
