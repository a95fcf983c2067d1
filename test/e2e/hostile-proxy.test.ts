import { afterEach, describe, expect, it } from 'vitest';
import { gtp, gtpEmulate, type EmulatorProcess } from '../helpers/cli.js';
import { startHostileProxy, type Misbehaviour } from '../helpers/hostile-proxy.js';
import { WORLDS } from '../helpers/paths.js';

let emulator: EmulatorProcess | undefined;
let proxy: Awaited<ReturnType<typeof startHostileProxy>> | undefined;
afterEach(async () => {
  await proxy?.close();
  await emulator?.stop();
  proxy = undefined;
  emulator = undefined;
});

interface Report {
  checks: { id: string; outcome: string; error?: string }[];
}

/** The Cloud SQL instance list, which five checks decide on. */
const SQL_LIST = /^\/v1\/projects\/acme-prod\/instances$/;

describe('an API that lies or breaks makes its checks unverified, never pass, fail or not applicable', () => {
  it.each<[Misbehaviour, string]>([
    ['endless-pages', 'twice: its list does not end'],
    ['null-body', ''],
    ['not-json', ''],
    ['wrong-items', ''],
  ])('%s on the Cloud SQL list: every SQL check is an error, exit 3', async (misbehaviour, mention) => {
    emulator = await gtpEmulate(['--world', `${WORLDS}hardened.json`]);
    proxy = await startHostileProxy(emulator.env.GTP_API_ENDPOINT!, SQL_LIST, misbehaviour);
    const env = { ...emulator.env, GTP_API_ENDPOINT: proxy.url, GCE_METADATA_HOST: proxy.url.replace('http://', '') };
    const { code, stdout, stderr } = await gtp(['audit', '--project', 'acme-prod', '--format', 'json'], { env });
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(code, stderr).toBe(3);
    const report = JSON.parse(stdout) as Report;
    const sql = report.checks.filter((c) => c.id.startsWith('sql.') || c.id === 'drill.recent-restore');
    expect(sql.length).toBeGreaterThan(0);
    for (const check of sql) {
      expect(check.outcome, `${check.id}: ${check.error ?? ''}`).toBe('error');
      expect(check.error).toContain('sql.instances');
      if (mention) expect(check.error).toContain(mention);
    }
    // Only the lie is affected.
    expect(report.checks.find((c) => c.id === 'gke.regional')!.outcome).toBe('pass');
    if (misbehaviour === 'endless-pages') expect(proxy.requests()).toBeLessThan(10);
  });
});
