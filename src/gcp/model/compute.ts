/** The fields of a compute BackendService (REST) that the checks read, and how to walk an aggregated list. */
export interface BackendService {
  name?: string;
  loadBalancingScheme?: string;
  securityPolicy?: string;
  protocol?: string;
  portName?: string;
  timeoutSec?: number;
  healthChecks?: string[];
  sessionAffinity?: string;
  enableCDN?: boolean;
  backends?: {
    group?: string;
    balancingMode?: string;
    capacityScaler?: number;
    maxRatePerEndpoint?: number;
    maxUtilization?: number;
  }[];
}

/** One scope of an aggregated list: its backend services, or a warning when it has none. */
export interface BackendServicesScope {
  backendServices?: BackendService[];
  warning?: { code?: string };
}

/** Only external load balancers take traffic from the internet; internal ones are reachable from the VPC alone. */
const INTERNET_FACING = new Set(['EXTERNAL', 'EXTERNAL_MANAGED']);

export function isInternetFacing(service: BackendService): boolean {
  return INTERNET_FACING.has(service.loadBalancingScheme ?? 'EXTERNAL');
}

/**
 * HTTP(S) load balancers' backend services (protocol HTTP, HTTPS, HTTP2 or gRPC; unset means HTTP) take Cloud Armor
 * rules that read requests, preconfigured WAF rules among them. TCP, SSL, UDP and UNSPECIFIED backend services sit
 * behind proxy or passthrough network load balancers, whose policies filter connections and packets, not requests.
 */
export function servesHttp(service: BackendService): boolean {
  return ['HTTP', 'HTTPS', 'HTTP2', 'GRPC'].includes(service.protocol ?? 'HTTP');
}

/** Every backend service with its scope ("global", "regions/us-central1"); empty scopes carry only a warning. */
export function backendServices(
  scopes: Record<string, BackendServicesScope>,
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

/** A rule of a Cloud Armor SecurityPolicy (compute v1 REST). */
export interface SecurityPolicyRule {
  action?: string;
  preview?: boolean;
  priority?: number;
  match?: { expr?: { expression?: string }; versionedExpr?: string; config?: { srcIpRanges?: string[] } };
  rateLimitOptions?: { rateLimitThreshold?: { count?: number; intervalSec?: number } };
}

/**
 * A rule that every request meets: a source-IP match on `*`, or the expression `true`. Rules apply in priority
 * order (lowest number first) and the first that matches decides, so nothing after such a rule is ever reached.
 */
export function matchesEveryRequest(rule: SecurityPolicyRule): boolean {
  if (rule.match?.versionedExpr === 'SRC_IPS_V1' && (rule.match.config?.srcIpRanges ?? []).includes('*')) return true;
  return rule.match?.expr?.expression?.trim() === 'true';
}

/** The fields of a Cloud Armor SecurityPolicy that the checks read. */
export interface SecurityPolicy {
  name?: string;
  selfLink?: string;
  rules?: SecurityPolicyRule[];
}
