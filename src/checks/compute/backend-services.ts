/** The fields of a compute BackendService (REST) that the checks read, and how to walk an aggregated list. */
export interface BackendService {
  name?: string;
  loadBalancingScheme?: string;
  securityPolicy?: string;
}

interface ScopedList {
  backendServices?: BackendService[];
  warning?: { code?: string };
}

/** Only external load balancers take traffic from the internet; internal ones are reachable from the VPC alone. */
const INTERNET_FACING = new Set(['EXTERNAL', 'EXTERNAL_MANAGED']);

export function isInternetFacing(service: BackendService): boolean {
  return INTERNET_FACING.has(service.loadBalancingScheme ?? 'EXTERNAL');
}

/** Every backend service with its scope ("global", "regions/us-central1"); empty scopes carry only a warning. */
export function backendServices(
  scopes: Record<string, ScopedList>,
): { scope: string; service: BackendService; name: string }[] {
  return Object.entries(scopes).flatMap(([scope, list]) =>
    (list.backendServices ?? []).map((service) => ({
      scope,
      service,
      name: service.name ?? '(unnamed backend service)',
    })),
  );
}

/** ".../projects/p/global/securityPolicies/edge" → "edge". */
export function shortName(url: string | undefined): string | undefined {
  return url?.split('/').at(-1) || undefined;
}
