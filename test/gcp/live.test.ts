import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { CHECK_IDS } from '../../src/checks/index.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { SnapshotSource } from '../../src/gcp/source.js';
import { SCC_FILTERS } from '../../src/gcp/collections.js';
import { K8S_PATHS } from '../../src/gcp/kubernetes.js';
import { ROUTES, type Route } from '../../src/gcp/routes.js';
import { ClientPool } from '../../src/gcp/clients.js';
import { clientOptionsFromEnv } from '../../src/gcp/endpoint.js';
import { classifyError, isRetryable } from '../../src/gcp/errors.js';
import { LiveSource } from '../../src/gcp/live-source.js';
import type { World } from '../../src/gcp/world.js';
import { PARTIAL_KEY } from '../../src/gcp/incomplete.js';
import { KEY } from '../fixtures/keys.js';
import { parseRegister } from '../../src/matrix/load.js';
import { apiRequests, DEMO_REPO, emulate, liveAudit } from '../helpers/live.js';
import { REGISTER, WORLDS } from '../helpers/paths.js';
import { TEST_NOW } from '../helpers/clock.js';
import { scratchDir } from '../helpers/scratch.js';

const { register } = parseRegister(readFileSync(REGISTER, 'utf8'), 'risks.yaml', { knownChecks: CHECK_IDS });
const reference = JSON.parse(readFileSync(`${WORLDS}reference-stack.json`, 'utf8')) as World;
const hardened = JSON.parse(readFileSync(`${WORLDS}hardened.json`, 'utf8')) as World;

const outcomes = (result: Awaited<ReturnType<typeof liveAudit>>['result']) =>
  Object.fromEntries(result.checks.map((c) => [c.id, c.outcome]));
const statuses = (result: Awaited<ReturnType<typeof liveAudit>>['result']) =>
  Object.fromEntries(result.risks.map((r) => [r.id, r.status]));

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('the official clients against the emulator', () => {
  it('audits the reference stack to the seed statuses', async () => {
    emulator = await emulate({ world: reference });
    const { result } = await liveAudit(register);
    // What the seed's stack has (its ✅ column) passes; what it proposes does not exist yet and fails.
    const passing = [
      'sql.pitr',
      'sql.backups',
      'sql.high-availability',
      'gke.regional',
      'armor.attached',
      'lb.global-external',
      'deploy.canary',
      'storage.state-bucket',
      'scc.misconfiguration-agreement',
      'repo.terraform-backend',
      'repo.sql-injection-analysis',
    ];
    expect(
      Object.entries(outcomes(result))
        .filter(([, o]) => o === 'pass')
        .map(([id]) => id)
        .sort(),
    ).toEqual(passing.sort());
    expect(Object.values(outcomes(result)).filter((o) => o !== 'pass' && o !== 'fail')).toEqual([]);
    // Every ✅ in the seed is confirmed by a probe or stays as written; every ❌ a probe covers stays unmitigated.
    expect(statuses(result)).toEqual({
      'bad-deployment': 'mitigated',
      'manual-config-drift': 'unmitigated',
      'single-zone-failure': 'mitigated',
      'quota-exhaustion': 'unmitigated',
      'terraform-state-conflict': 'mitigated',
      'region-failure': 'unmitigated',
      'billing-spike': 'unmitigated',
      'cloud-provider-failure': 'declared',
      'ddos-web-attacks': 'mitigated',
      'dependency-vulnerabilities': 'unmitigated',
      'secrets-leakage-git': 'unmitigated',
      'insider-threat': 'unmitigated',
      'supply-chain-attack': 'unmitigated',
      'sql-injection': 'mitigated',
      'sensitive-data-leakage': 'declared',
      'accidental-db-deletion': 'mitigated',
      'backup-restore-failure': 'unmitigated',
      'ransomware-corruption': 'unmitigated',
    });
    expect(result.summary.drift).toBe(0);
  });

  it('requests each collection once, in parallel, and the snapshot it keeps audits the same offline', async () => {
    emulator = await emulate({ world: reference });
    const live = await liveAudit(register);
    // One request per distinct REST call: as many requests as the snapshot has keys (Artifact Registry and
    // Cloud Deploy both list …/locations, which is two calls to one path).
    const snapshot = live.inventory.snapshot();
    expect(apiRequests(emulator)).toHaveLength(Object.keys(snapshot).length);
    // What the world leaves out, the API answers with its default: the policy that allows all, no automations.
    // SCC answers each filter gtp sends (the world holds the unfiltered list).
    const scc = Object.values(SCC_FILTERS).map(
      (f) => `securitycenter.googleapis.com/v2/projects/acme-prod/sources/-/findings?filter=${encodeURIComponent(f)}`,
    );
    expect(
      Object.keys(snapshot)
        .filter((k) => !(k in reference))
        .sort(),
    ).toEqual(
      [
        'binaryauthorization.googleapis.com/v1/projects/acme-prod/policy',
        // The organization above the project has a policy, with no audit configuration in this world.
        'cloudresourcemanager.googleapis.com/v3/organizations/111111111111:getIamPolicy',
        'clouddeploy.googleapis.com/v1/projects/acme-prod/locations/us-central1/deliveryPipelines/web/automations',
        // Nothing is snoozed.
        'monitoring.googleapis.com/v3/projects/acme-prod/snoozes',
        // No Backup and DR vault.
        'backupdr.googleapis.com/v1/projects/acme-prod/locations/-/backupVaults',
        // No Privileged Access Manager entitlement, at the project or the organization above it.
        'privilegedaccessmanager.googleapis.com/v1/organizations/111111111111/locations/global/entitlements',
        'privilegedaccessmanager.googleapis.com/v1/projects/acme-prod/locations/global/entitlements',
        // The project's sinks are the two Logging creates with it.
        'logging.googleapis.com/v2/projects/acme-prod/sinks?filter=in_scope(%22ALL%22)',
        ...scc,
        // Inside the cluster: ArgoCD and Gatekeeper are not installed (recorded as null, the API's 404).
        ...[
          K8S_PATHS.argocdDeployments,
          K8S_PATHS.applications,
          K8S_PATHS.gatekeeperDeployments,
          K8S_PATHS.constraintTemplates,
        ].map((p) => `34.118.0.10${p}`),
      ].sort(),
    );

    const offline = await runAudit({
      register,
      source: new SnapshotSource(live.inventory.snapshot()),
      project: 'acme-prod',
      repoDir: DEMO_REPO,
      now: TEST_NOW,
    });
    expect(offline.result.checks).toEqual(live.result.checks);
  });

  it('follows every page: one item a page gives the same results', async () => {
    emulator = await emulate({ world: reference });
    const whole = await liveAudit(register);
    await emulator.close();
    emulator = await emulate({ world: reference, pageSize: 1 });
    const paged = await liveAudit(register);
    expect(paged.result.checks).toEqual(whole.result.checks);
    const sqlPages = apiRequests(emulator).filter((r) => r.path.endsWith('/instances'));
    expect(sqlPages).toHaveLength(2);
    const backendPages = apiRequests(emulator).filter((r) => r.path.endsWith('/aggregated/backendServices'));
    expect(backendPages).toHaveLength(2);
  });

  it('retries 503s: with 30% of requests failing the results are unchanged', async () => {
    emulator = await emulate({ world: reference, failRate: 0.3, seed: 7 });
    const { result } = await liveAudit(register);
    expect(apiRequests(emulator).some((r) => r.status === 503)).toBe(true);
    expect(outcomes(result)['sql.pitr']).toBe('pass');
    expect(result.checks.every((c) => c.outcome !== 'error')).toBe(true);
  });

  it('a denied collection makes its check an error naming the permission; the others are unaffected', async () => {
    emulator = await emulate({ world: reference, deny: ['/v1/billingAccounts/*/budgets'] });
    const { result } = await liveAudit(register);
    const budget = result.checks.find((c) => c.id === 'billing.budget')!;
    expect(budget.outcome).toBe('error');
    expect(budget.error).toContain('permission denied: missing billing.budgets.list');
    expect(statuses(result)['billing-spike']).toBe('unverified');
    expect(outcomes(result)['sql.pitr']).toBe('pass');
    expect(outcomes(result)['scanning.vulnerability-scanning']).toBe('fail');
  });

  it('a list whose answer says it is partial makes its checks errors, through the official clients', async () => {
    // The fields each API documents for it: Cloud SQL warnings, GKE missingZones, Cloud Deploy unreachable.
    const partial: World = {
      ...reference,
      [PARTIAL_KEY]: {
        [KEY.sql]: { warnings: [{ code: 'REGION_UNREACHABLE', region: 'asia-south2', message: 'unreachable' }] },
        [KEY.gke]: { missingZones: ['asia-south2-a'] },
        [KEY.pipelines('us-central1')]: { unreachable: ['us-central1'] },
      },
    };
    emulator = await emulate({ world: partial });
    const { result } = await liveAudit(register);
    const error = (id: string) => result.checks.find((c) => c.id === id)!;
    expect(error('sql.pitr')).toMatchObject({
      outcome: 'error',
      error: expect.stringContaining('REGION_UNREACHABLE (asia-south2)'),
    });
    expect(error('gke.regional')).toMatchObject({
      outcome: 'error',
      error: expect.stringContaining('missing zones asia-south2-a'),
    });
    expect(error('deploy.canary')).toMatchObject({
      outcome: 'error',
      error: expect.stringContaining('unreachable us-central1'),
    });
    expect(outcomes(result)['armor.attached']).toBe('pass');
  });

  it('a value of the wrong type is unreadable through the official client, never coerced: "false" would be true', async () => {
    // sqladmin v1's BoolValue fields: the client's decoding turns any non-empty string into true.
    const instances = (reference[KEY.sql] as { settings: Record<string, unknown> }[]).map((i) => ({
      ...i,
      settings: { ...i.settings, deletionProtectionEnabled: 'false' },
    }));
    emulator = await emulate({ world: { ...reference, [KEY.sql]: instances } });
    const { result } = await liveAudit(register);
    for (const id of ['sql.deletion-protection', 'sql.pitr', 'sql.backups'])
      expect(result.checks.find((c) => c.id === id)).toMatchObject({
        outcome: 'error',
        error: expect.stringContaining('a google.protobuf.BoolValue field holds the string "false", not its type'),
      });
    // One request: an unreadable answer is not retried.
    expect(apiRequests(emulator!).filter((r) => /\/v1\/projects\/acme-prod\/instances$/.test(r.path))).toHaveLength(1);
    expect(outcomes(result)['armor.attached']).toBe('pass');
  });

  it("Compute's quota refusal (403 rateLimitExceeded) through the official client is a rate quota, never a permission", async () => {
    // gax's REST transport keeps neither the reason nor the body of Compute's answer, only Google's sentence.
    emulator = await emulate({
      world: reference,
      quotas: { perMinute: { 'compute.googleapis.com': 0 }, minuteMs: 600_000 },
    });
    const source = new LiveSource(new ClientPool(clientOptionsFromEnv(), 'acme-prod'));
    try {
      for (const route of [ROUTES.securityPolicies, ROUTES.backendServices]) {
        const error = await source.fetch(route, { project: 'acme-prod' }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isRetryable(error), route.id).toBe(true);
        expect(classifyError(error), route.id).toMatchObject({
          kind: 'unavailable',
          message: expect.stringMatching(/^rate quota exhausted: Quota exceeded for quota metric/),
        });
      }
    } finally {
      await source.close();
    }
  });

  it('every read gtp makes, whatever client carries it, takes a rate-quota refusal as a rate quota, never a permission', async () => {
    const reads = Object.values(ROUTES).filter((r) => r.kind !== 'mutation');
    const hosts = [...new Set(reads.map((r) => r.host))];
    emulator = await emulate({
      world: reference,
      quotas: { perMinute: Object.fromEntries(hosts.map((h) => [h, 0])), minuteMs: 600_000 },
    });
    // A value for every path and query placeholder: each request is well formed, so only the quota refuses it.
    const VALUES: Record<string, string> = {
      project: 'acme-prod',
      location: 'us-central1',
      pipeline: 'web',
      bucket: 'acme-prod-tfstate',
      folder: '222222222222',
      organization: '111111111111',
      account: '012345-6789AB-CDEF01',
      service: 'containerscanning.googleapis.com',
      instance: 'orders-db',
      source: '-',
    };
    const paramsOf = (route: Route) =>
      Object.fromEntries(
        [...`${route.path}${JSON.stringify(route.query ?? {})}`.matchAll(/\{(\w+)\}/g)].map(([, name]) => [
          name!,
          VALUES[name!] ?? `x-${name!}`,
        ]),
      );
    const source = new LiveSource(new ClientPool(clientOptionsFromEnv(), 'acme-prod'));
    const misread: string[] = [];
    try {
      for (const route of reads) {
        const error = await Promise.resolve()
          .then(() => source.fetch(route, paramsOf(route)))
          .then(
            () => new Error('answered'),
            (e: unknown) => e,
          );
        // Reads made by other code than the audit's source (the drill's SQL Admin calls, doctor's permission
        // probe) have tests of their own.
        if (/^no live fetcher/.test((error as Error).message)) continue;
        const classified = classifyError(error);
        if (!isRetryable(error) || !/^rate quota exhausted/.test(classified.message))
          misread.push(`${route.id}: ${classified.kind}: ${classified.message}`);
      }
    } finally {
      await source.close();
    }
    expect(misread).toEqual([]);
  });

  it("a cloudbuild.yaml counts where the project's trigger builds it on changes, read through the official client", async () => {
    const repo = scratchDir('gtp-cloudbuild-');
    cpSync(DEMO_REPO, repo, { recursive: true });
    writeFileSync(
      join(repo, 'cloudbuild.yaml'),
      "steps:\n  - name: gcr.io/cloud-builders/docker\n    entrypoint: bash\n    args: ['-c', 'syft app -o spdx-json > sbom.json && cosign sign --yes app']\n",
    );
    const triggers = 'cloudbuild.googleapis.com/v1/projects/acme-prod/locations/global/triggers';
    const trigger = {
      id: '7f3c',
      name: 'release',
      filename: 'cloudbuild.yaml',
      github: { push: { branch: '^main$' } },
    };
    emulator = await emulate({ world: { ...reference, [triggers]: [trigger] } });
    const built = await liveAudit(register, 'acme-prod', repo);
    expect(built.result.checks.find((c) => c.id === 'repo.sbom-signing')).toMatchObject({ outcome: 'pass' });
    expect(apiRequests(emulator).map((r) => r.path)).toContain('/v1/projects/acme-prod/locations/global/triggers');
    await emulator.close();
    emulator = await emulate({ world: { ...reference, [triggers]: [{ ...trigger, disabled: true }] } });
    const disabled = await liveAudit(register, 'acme-prod', repo);
    expect(disabled.result.checks.find((c) => c.id === 'repo.sbom-signing')).toMatchObject({
      outcome: 'error',
      error: expect.stringContaining('trigger release is disabled'),
    });
  });

  it('reads SCC findings in the data-residency locations the register names, through the official client', async () => {
    const vulnerability = {
      finding: {
        name: 'projects/424242424242/sources/1/locations/eu/findings/eu-1',
        resourceName: '//container.googleapis.com/projects/acme-prod/locations/us-central1/clusters/prod-gke',
        state: 'ACTIVE',
        mute: 'UNMUTED',
        category: 'OS_VULNERABILITY',
        severity: 'CRITICAL',
        findingClass: 'VULNERABILITY',
        createTime: '2020-01-01T00:00:00Z',
      },
    };
    emulator = await emulate({ world: { ...reference, [KEY.sccFindingsIn('eu')]: [vulnerability] } });
    const inEu = { ...register, resources: { ...register.resources, sccLocations: ['eu' as const] } };
    const { result } = await liveAudit(inEu);
    const check = result.checks.find((c) => c.id === 'scc.vulnerability-findings')!;
    expect(check.outcome).toBe('fail');
    expect(JSON.stringify(check.resources)).toContain('OS_VULNERABILITY CRITICAL');
    const scc = apiRequests(emulator).filter((r) => r.path.startsWith('/v2/') && r.path.includes('/sources/'));
    expect(new Set(scc.map((r) => r.path))).toEqual(
      new Set(['/v2/projects/acme-prod/sources/-/locations/eu/findings']),
    );
  });

  it("a cluster endpoint that is not a host sends the caller's token nowhere: its cluster checks are unverified", async () => {
    const clusters = (reference[KEY.gke] as Record<string, unknown>[]).map((c) => ({
      ...c,
      endpoint: 'evil.example/steal?x=',
    }));
    emulator = await emulate({ world: { ...reference, [KEY.gke]: clusters } });
    const { result } = await liveAudit(register);
    const argocd = result.checks.find((c) => c.id === 'k8s.argocd')!;
    expect(argocd.outcome).toBe('error');
    expect(argocd.error).toContain('endpoint "evil.example/steal?x=" is not a host');
    expect(apiRequests(emulator).filter((r) => r.path.startsWith('/k8s/'))).toEqual([]);
  });

  it('Cloud SQL refuses in its own shape, naming no permission: gtp names the one its call needs', async () => {
    emulator = await emulate({ world: reference, denyPermissions: ['cloudsql.instances.list'] });
    const answer = await fetch(`${emulator.url}/v1/projects/acme-prod/instances`);
    const body = (await answer.json()) as { error: { errors: { reason: string }[]; message: string } };
    expect(answer.status).toBe(403);
    expect(body.error.errors[0]!.reason).toBe('notAuthorized');
    expect(JSON.stringify(body)).not.toContain('cloudsql.instances.list');
    const { result } = await liveAudit(register);
    expect(result.checks.find((c) => c.id === 'sql.pitr')!.error).toContain(
      "missing cloudsql.instances.list (the permission this call needs; Google's answer named none",
    );
    // Compute names it in its legacy message: "Required 'P' permission for 'R'".
    await emulator.close();
    emulator = await emulate({ world: reference, denyPermissions: ['compute.backendServices.list'] });
    const compute = await liveAudit(register);
    expect(compute.result.checks.find((c) => c.id === 'armor.attached')!.error).toBe(
      'compute.backendServices: permission denied: missing compute.backendServices.list',
    );
  });

  it('a disabled API is an error that names the API', async () => {
    emulator = await emulate({ world: reference, disable: ['/v1/projects/*/instances'] });
    const { result } = await liveAudit(register);
    const pitr = result.checks.find((c) => c.id === 'sql.pitr')!;
    expect(pitr.outcome).toBe('error');
    expect(pitr.error).toContain('sqladmin.googleapis.com is not enabled');
  });

  it('Backup and DR off means no vault; a vault list refused leaves the backup control unverified', async () => {
    const path = '/v1/projects/*/locations/-/backupVaults';
    const bucketOnly = async () =>
      (await liveAudit(register)).result.checks.find((c) => c.id === 'storage.backup-bucket-lock')!;
    emulator = await emulate({ world: hardened, disable: [path] });
    const off = await bucketOnly();
    await emulator.close();
    emulator = await emulate({ world: hardened });
    const on = await bucketOnly();
    expect(off.outcome).toBe(on.outcome);
    expect(off.outcome).not.toBe('error');
    await emulator.close();
    emulator = await emulate({ world: hardened, deny: [path] });
    const refused = await bucketOnly();
    // The hardened world's backup bucket is locked: only an unread vault stands between it and a pass.
    expect(on.outcome).toBe('pass');
    expect(refused.outcome).toBe('error');
    expect(refused.error).toContain('Backup and DR vaults could not be read: permission denied');
  });
});
