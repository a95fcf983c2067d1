import { createRequire } from 'node:module';
import type { ClientOptions } from './endpoint.js';

/**
 * The official clients gtp uses, each loaded only when a selected collection needs it. Compute is imported by
 * its one client file: the whole package takes most of a second to load.
 */
const LOADERS = {
  sqlInstances: async (o: ClientOptions) => new (await import('@google-cloud/sql')).SqlInstancesServiceClient(o),
  clusterManager: async (o: ClientOptions) => new (await import('@google-cloud/container')).v1.ClusterManagerClient(o),
  backendServices: async (o: ClientOptions) => {
    const require = createRequire(import.meta.url);
    const module = require('@google-cloud/compute/build/src/v1/backend_services_client.js') as typeof import('@google-cloud/compute/build/src/v1/backend_services_client.js');
    return new module.BackendServicesClient(o);
  },
  cloudBilling: async (o: ClientOptions) => new (await import('@google-cloud/billing')).CloudBillingClient(o),
  budgets: async (o: ClientOptions) => new (await import('@google-cloud/billing-budgets')).v1.BudgetServiceClient(o),
  projects: async (o: ClientOptions) => new (await import('@google-cloud/resource-manager')).ProjectsClient(o),
  serviceUsage: async (o: ClientOptions) => new (await import('@google-cloud/service-usage')).ServiceUsageClient(o),
  artifactRegistry: async (o: ClientOptions) => new (await import('@google-cloud/artifact-registry')).ArtifactRegistryClient(o),
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
  private readonly clients = new Map<ClientName, Promise<unknown>>();
  private auth: Promise<unknown> | undefined;

  constructor(
    private readonly options: ClientOptions,
    private readonly projectId?: string,
  ) {}

  get<N extends ClientName>(name: N): Promise<Client<N>> {
    let client = this.clients.get(name);
    if (!client) {
      const load: (o: ClientOptions) => Promise<unknown> = LOADERS[name];
      client = this.sharedAuth().then((auth) => load({ ...this.options, auth: auth as object, ...(this.projectId ? { projectId: this.projectId } : {}) }));
      this.clients.set(name, client);
    }
    return client as Promise<Client<N>>;
  }

  private sharedAuth(): Promise<unknown> {
    this.auth ??= import('google-gax').then(
      ({ GoogleAuth }) => new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'], ...(this.projectId ? { projectId: this.projectId } : {}) }),
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
