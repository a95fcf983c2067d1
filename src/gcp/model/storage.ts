/** The fields of a Cloud Storage Bucket (JSON API) that the checks read. */
export interface Bucket {
  name?: string;
  /** "The project number of the project the bucket belongs to." (uint64, a string) */
  projectNumber?: string;
  labels?: Record<string, string>;
  versioning?: { enabled?: boolean };
  iamConfiguration?: { publicAccessPrevention?: string };
  retentionPolicy?: { retentionPeriod?: string; isLocked?: boolean; effectiveTime?: string };
  softDeletePolicy?: { retentionDurationSeconds?: string; effectiveTime?: string };
}
