/** The fields of a GKE Cluster (container v1 REST) that the checks read. */
export interface Cluster {
  name?: string;
  location?: string;
  locations?: string[];
  binaryAuthorization?: { enabled?: boolean; evaluationMode?: string };
}

/** A zone is its region plus a letter suffix: us-central1-a is a zone of us-central1. */
export function isZone(location: string): boolean {
  return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(location);
}

export function regionOf(location: string): string {
  return isZone(location) ? location.replace(/-[a-z]$/, '') : location;
}
