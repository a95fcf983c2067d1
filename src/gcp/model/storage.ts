/** The fields of a Cloud Storage Bucket (JSON API) that the checks read. */
export interface Bucket {
  name?: string;
  labels?: Record<string, string>;
  versioning?: { enabled?: boolean };
  iamConfiguration?: { publicAccessPrevention?: string };
  retentionPolicy?: { retentionPeriod?: string; isLocked?: boolean; effectiveTime?: string };
  softDeletePolicy?: { retentionDurationSeconds?: string; effectiveTime?: string };
}
