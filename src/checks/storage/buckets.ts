import type { Bucket } from '../../gcp/model/storage.js';
import type { RegisterResources } from '../../matrix/schema.js';

/** The backup buckets: those named (looked up by name, null when missing) and the project's buckets carrying all the labels. */
export function backupBuckets(
  resources: RegisterResources,
  named: Record<string, Bucket | null>,
  projectBuckets: Bucket[],
): Map<string, Bucket | null> {
  const selected = new Map<string, Bucket | null>();
  for (const name of resources.backupBuckets?.names ?? []) selected.set(name, named[name] ?? null);
  const labels = Object.entries(resources.backupBuckets?.labels ?? {});
  if (labels.length > 0) {
    for (const bucket of projectBuckets) {
      if (bucket.name && labels.every(([k, v]) => bucket.labels?.[k] === v)) selected.set(bucket.name, bucket);
    }
  }
  return selected;
}
