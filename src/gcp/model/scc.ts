/** The fields of an SCC v2 ListFindingsResult (REST) that the checks read. */
export interface FindingResult {
  finding?: {
    name?: string;
    resourceName?: string;
    category?: string;
    severity?: string;
    findingClass?: string;
    state?: string;
    mute?: string;
    createTime?: string;
    eventTime?: string;
  };
  resource?: { name?: string; displayName?: string; type?: string; service?: string };
}

/** //cloudsql.googleapis.com/projects/p/instances/orders-db → { service: cloudsql.googleapis.com, short: orders-db } */
export function resourceOf(result: FindingResult): { full: string; service: string; short: string } {
  const full = result.finding?.resourceName ?? result.resource?.name ?? '';
  const match = /^\/\/([^/]+)\/(.*)$/.exec(full);
  return { full, service: match?.[1] ?? result.resource?.service ?? '', short: full.split('/').at(-1) ?? full };
}

export function ageInDays(result: FindingResult, now: Date): number | undefined {
  const since = Date.parse(result.finding?.createTime ?? result.finding?.eventTime ?? '');
  return Number.isNaN(since) ? undefined : (now.getTime() - since) / 86_400_000;
}
