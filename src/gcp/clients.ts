import { DEFAULT_REQUEST_TIMEOUT_MS, type ClientOptions } from './endpoint.js';
import { useStrictWrappers } from './strict-wrappers.js';
import { useTrimmedDescriptor } from './client-protos.js';
import { adoptClientRoot } from './normalize.js';
import { loadGax } from './gax.js';
import { fetchWithDeadlines, NO_GAX_DEADLINE, requestDeadline } from './call-timeout.js';
import { isUnanswered } from './errors.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';

/**
 * The run's credentials: tried again over some seconds only when their endpoint did not answer (each try is the auth
 * library's own, with its retries); an answer that refuses them is the run's answer at once.
 */
const CREDENTIALS_RETRY: RetryPolicy = {
  ...DEFAULT_RETRY,
  attempts: 4,
  initialDelayMs: 1_000,
  maxDelayMs: 4_000,
  retryIf: isUnanswered,
};

/**
 * One generated client of a Google package, from its own module file: a package's index loads every client of
 * every API version it ships (Cloud SQL's, 30 modules), while gtp needs one. The package first gets the proto
 * descriptor the build cut down to the services gtp calls (client-protos.ts); once built, the client's reflection
 * of it is what gtp's own conversions use (normalize.ts), so that it is built once.
 */
function gaxClient<M, C extends object>(
  pkg: string,
  load: () => Promise<{ default: M }>,
  make: (module: M, options: ClientOptions) => C,
): (options: Promise<ClientOptions>) => Promise<C> {
  return async (options) => {
    useTrimmedDescriptor(pkg);
    // The client's code loads while the credentials resolve (a token request is a round trip); the client is made
    // once both are there. A CommonJS module imported is its `module.exports` as `default`, here and in the bundle.
    const [module, resolved] = await Promise.all([load(), options, useStrictWrappers()]);
    const client = make(module.default, resolved);
    adoptClientRoot(pkg, client);
    return client;
  };
}

/** The official clients gtp uses, each loaded only when a selected collection needs it. */
const LOADERS = {
  sqlInstances: gaxClient(
    '@google-cloud/sql',
    () => import('@google-cloud/sql/build/src/v1/sql_instances_service_client.js'),
    (m, options) => new m.SqlInstancesServiceClient(options),
  ),
  sqlBackupRuns: gaxClient(
    '@google-cloud/sql',
    () => import('@google-cloud/sql/build/src/v1/sql_backup_runs_service_client.js'),
    (m, options) => new m.SqlBackupRunsServiceClient(options),
  ),
  sqlOperations: gaxClient(
    '@google-cloud/sql',
    () => import('@google-cloud/sql/build/src/v1/sql_operations_service_client.js'),
    (m, options) => new m.SqlOperationsServiceClient(options),
  ),
  secretManager: gaxClient(
    '@google-cloud/secret-manager',
    () => import('@google-cloud/secret-manager/build/src/v1/secret_manager_service_client.js'),
    (m, options) => new m.SecretManagerServiceClient(options),
  ),
  clusterManager: gaxClient(
    '@google-cloud/container',
    () => import('@google-cloud/container/build/src/v1/cluster_manager_client.js'),
    (m, options) => new m.ClusterManagerClient(options),
  ),
  backendServices: gaxClient(
    '@google-cloud/compute',
    () => import('@google-cloud/compute/build/src/v1/backend_services_client.js'),
    (m, options) => new m.BackendServicesClient(options),
  ),
  cloudBilling: gaxClient(
    '@google-cloud/billing',
    () => import('@google-cloud/billing/build/src/v1/cloud_billing_client.js'),
    (m, options) => new m.CloudBillingClient(options),
  ),
  budgets: gaxClient(
    '@google-cloud/billing-budgets',
    () => import('@google-cloud/billing-budgets/build/src/v1/budget_service_client.js'),
    (m, options) => new m.BudgetServiceClient(options),
  ),
  projects: gaxClient(
    '@google-cloud/resource-manager',
    () => import('@google-cloud/resource-manager/build/src/v3/projects_client.js'),
    (m, options) => new m.ProjectsClient(options),
  ),
  folders: gaxClient(
    '@google-cloud/resource-manager',
    () => import('@google-cloud/resource-manager/build/src/v3/folders_client.js'),
    (m, options) => new m.FoldersClient(options),
  ),
  organizations: gaxClient(
    '@google-cloud/resource-manager',
    () => import('@google-cloud/resource-manager/build/src/v3/organizations_client.js'),
    (m, options) => new m.OrganizationsClient(options),
  ),
  serviceUsage: gaxClient(
    '@google-cloud/service-usage',
    () => import('@google-cloud/service-usage/build/src/v1/service_usage_client.js'),
    (m, options) => new m.ServiceUsageClient(options),
  ),
  artifactRegistry: gaxClient(
    '@google-cloud/artifact-registry',
    () => import('@google-cloud/artifact-registry/build/src/v1/artifact_registry_client.js'),
    (m, options) => new m.ArtifactRegistryClient(options),
  ),
  securityCenter: gaxClient(
    '@google-cloud/security-center',
    () => import('@google-cloud/security-center/build/src/v2/security_center_client.js'),
    (m, options) => new m.SecurityCenterClient(options),
  ),
  cloudDeploy: gaxClient(
    '@google-cloud/deploy',
    () => import('@google-cloud/deploy/build/src/v1/cloud_deploy_client.js'),
    (m, options) => new m.CloudDeployClient(options),
  ),
  cloudBuild: gaxClient(
    '@google-cloud/cloudbuild',
    () => import('@google-cloud/cloudbuild/build/src/v1/cloud_build_client.js'),
    (m, options) => new m.CloudBuildClient(options),
  ),
  alertPolicies: gaxClient(
    '@google-cloud/monitoring',
    () => import('@google-cloud/monitoring/build/src/v3/alert_policy_service_client.js'),
    (m, options) => new m.AlertPolicyServiceClient(options),
  ),
  notificationChannels: gaxClient(
    '@google-cloud/monitoring',
    () => import('@google-cloud/monitoring/build/src/v3/notification_channel_service_client.js'),
    (m, options) => new m.NotificationChannelServiceClient(options),
  ),
  snoozes: gaxClient(
    '@google-cloud/monitoring',
    () => import('@google-cloud/monitoring/build/src/v3/snooze_service_client.js'),
    (m, options) => new m.SnoozeServiceClient(options),
  ),
  securityPolicies: gaxClient(
    '@google-cloud/compute',
    () => import('@google-cloud/compute/build/src/v1/security_policies_client.js'),
    (m, options) => new m.SecurityPoliciesClient(options),
  ),
  assetService: gaxClient(
    '@google-cloud/asset',
    () => import('@google-cloud/asset/build/src/v1/asset_service_client.js'),
    (m, options) => new m.AssetServiceClient(options),
  ),
  // Storage is not a gax library: it takes the endpoint as a URL and makes its own credentials.
  storage: async (options: Promise<ClientOptions>) => {
    const [{ Storage }, o] = await Promise.all([import('@google-cloud/storage'), options]);
    const endpoint = o.apiEndpoint ? `${o.protocol ?? 'https'}://${o.apiEndpoint}:${o.port}` : undefined;
    // With a custom endpoint the library would skip credentials altogether; keep them, as against Google.
    return new Storage({
      ...(endpoint ? { apiEndpoint: endpoint, useAuthWithCustomEndpoint: true } : {}),
      ...(o.projectId ? { projectId: o.projectId as string } : {}),
      // The pool's credentials, so that one token serves every client.
      ...(o.auth ? { authClient: o.auth as never } : {}),
      ...(o.requestTimeoutMs ? { timeout: o.requestTimeoutMs } : {}),
      // Its own retries off, as for gax (ClientPool.call): a retry hidden below gtp's would spend the rate quota
      // the pacer counts without its knowing, and wait out a refusal that gtp would pace instead.
      retryOptions: { autoRetry: false },
    });
  },
};

type Loaders = typeof LOADERS;
export type ClientName = keyof Loaders;
export type Client<N extends ClientName> = Awaited<ReturnType<Loaders[N]>>;

/**
 * One instance of each client per run, created on first use and closed together. They share one set of
 * Application Default Credentials, so a run asks for one token, and name the project so that ADC does not go
 * looking for one (gcloud, metadata server) before the first call.
 */
export class ClientPool {
  private readonly clients = new Map<string, Promise<unknown>>();
  private auth: Promise<unknown> | undefined;

  constructor(
    private readonly options: ClientOptions,
    private readonly projectId?: string,
    /**
     * `adc`: Application Default Credentials, as against Google. `metadata-server`: only the metadata server
     * (GCE_METADATA_HOST), for the demo's emulator: a user's own key file or gcloud login must not be read, or
     * refreshed against Google, to talk to loopback.
     */
    private readonly credentials: 'adc' | 'metadata-server' = 'adc',
  ) {}

  /**
   * Options for every gax call: gax's own retries off (gtp retries every call the same way, retry.ts, so attempts
   * stay bounded and counted), pages fetched one by one, and no gax deadline: each request is bounded by gtp's own
   * deadline in the credentials' fetch instead (call-timeout.ts), which aborts the request itself (its socket is
   * closed), not only stops waiting for it, and is gone as soon as the answer has been read.
   */
  get call(): { retry: null; autoPaginate: false; timeout: number } {
    return { retry: null, autoPaginate: false, timeout: NO_GAX_DEADLINE };
  }

  /** How long one request may take; an attempt of a paged collection is allowed this per page. */
  get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  /**
   * The client, created on first use. `apiEndpoint` names a regional endpoint (SCC data residency) and makes a
   * client of its own; against the emulator every client goes to the emulator.
   */
  get<N extends ClientName>(name: N, { apiEndpoint }: { apiEndpoint?: string } = {}): Promise<Client<N>> {
    const regional = apiEndpoint && !this.options.apiEndpoint ? apiEndpoint : undefined;
    const key = regional ? `${name}@${regional}` : name;
    let client = this.clients.get(key);
    if (!client) {
      const load: (o: Promise<ClientOptions>) => Promise<unknown> = LOADERS[name];
      client = load(
        this.sharedAuth().then((auth) => ({
          ...this.options,
          ...(regional ? { apiEndpoint: regional } : {}),
          auth: auth as object,
          ...(this.projectId ? { projectId: this.projectId } : {}),
        })),
      );
      this.clients.set(key, client);
    }
    return client as Promise<Client<N>>;
  }

  /** Application Default Credentials shared by the clients, for APIs that Google ships no Node client for. */
  authorizedRequest(): Promise<<T>(url: string) => Promise<T>> {
    return this.sharedAuth().then((auth) => async <T>(url: string) => {
      const client = await (
        auth as {
          getClient(): Promise<{
            request<R>(o: { url: string; timeout?: number; signal?: AbortSignal }): Promise<{ data: R }>;
          }>;
        }
      ).getClient();
      // The timeout is gtp's own, disarmed when the request ends (call-timeout.ts), not gaxios's AbortSignal.timeout.
      const deadline = requestDeadline(this.requestTimeoutMs);
      try {
        return (await client.request<T>({ url, signal: deadline.signal })).data;
      } finally {
        deadline.done();
      }
    });
  }

  /** A bearer token from the shared credentials (for the Kubernetes API of GKE clusters). */
  async accessToken(): Promise<string> {
    const auth = (await this.sharedAuth()) as { getAccessToken(): Promise<string | null | undefined> };
    const token = await auth.getAccessToken();
    if (!token) throw new Error('Application Default Credentials gave no access token');
    return token;
  }

  /** The emulator's base URL when GTP_API_ENDPOINT is set; undefined against Google. */
  emulatorBase(): string | undefined {
    return this.options.apiEndpoint
      ? `${this.options.protocol ?? 'https'}://${this.options.apiEndpoint}:${this.options.port}`
      : undefined;
  }

  /** The REST base URL of a Google API, or the emulator's when GTP_API_ENDPOINT is set. */
  restBase(host: string): string {
    return this.emulatorBase() ?? `https://${host}`;
  }

  /**
   * Credentials are resolved before any client exists: a gax client whose credentials fail leaves rejected
   * promises behind for every method it did not call, which would end the process. The token is fetched here
   * too, once, before any client is made. The clients' code loads meanwhile, a file at a time, so the token's
   * answer is read between two of them: no step holds the event loop near the metadata server's request timeout
   * (3 s off Google Cloud). A token request that went unanswered (a metadata server too busy to answer within its
   * 3 s, on a machine starting many shards at once) is tried again a few seconds later: the answer is shared by
   * every call of the run, and a failure kept from the first try failed them all without a request. One that
   * persists is the run's answer, so that a broken endpoint fails every call at once instead of each asking again.
   */
  private sharedAuth(): Promise<unknown> {
    this.auth ??= loadGax().then(({ GoogleAuth, googleAuthLibrary }) =>
      withRetry(async () => {
        const emulator = this.emulatorBase();
        const auth = new GoogleAuth({
          ...(this.credentials === 'metadata-server' ? { authClient: new googleAuthLibrary.Compute() } : {}),
          // Against the emulator, a user credential refreshes there too, not at oauth2.googleapis.com.
          ...(emulator ? { clientOptions: { endpoints: { oauth2TokenUrl: `${emulator}/token` } } } : {}),
          scopes: ['https://www.googleapis.com/auth/cloud-platform'],
          ...(this.projectId ? { projectId: this.projectId } : {}),
        });
        await auth.getClient();
        await auth.getAccessToken();
        const target = auth as unknown as { fetch: Parameters<typeof fetchWithDeadlines>[0] };
        target.fetch = fetchWithDeadlines(target.fetch.bind(target), this.requestTimeoutMs);
        return auth;
      }, CREDENTIALS_RETRY),
    );
    return this.auth;
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.clients.values()].map(async (client) => {
        try {
          await ((await client) as { close?: () => Promise<void> }).close?.();
        } catch {
          // A client that failed to start has nothing to close.
        }
      }),
    );
    this.clients.clear();
  }
}
