/** The fields of a GKE Cluster (container v1 REST) that the checks read. */
export interface Cluster {
  name?: string;
  location?: string;
  /** Zones of the cluster's nodes: the default for node pools that name none. */
  locations?: string[];
  nodePools?: { name?: string; locations?: string[] }[];
  binaryAuthorization?: { enabled?: boolean; evaluationMode?: string };
}

/** A zone is its region plus a letter suffix: us-central1-a is a zone of us-central1. */
export function isZone(location: string): boolean {
  return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(location);
}

export function regionOf(location: string): string {
  return isZone(location) ? location.replace(/-[a-z]$/, '') : location;
}

/**
 * The zones each node pool's nodes run in: the pool's own `locations`, else the cluster's ("If this value is
 * unspecified during node pool creation, the Cluster.Locations value will be used", container v1 NodePool).
 * A cluster listed without node pools is judged by its own locations.
 */
export function nodeZones(cluster: Cluster): { pool: string; zones: string[] }[] {
  const pools = cluster.nodePools?.length ? cluster.nodePools : [{ name: '(default)', locations: undefined }];
  return pools.map((pool) => ({
    pool: pool.name ?? '(unnamed pool)',
    zones: [...new Set(pool.locations?.length ? pool.locations : (cluster.locations ?? []))],
  }));
}
