import { describeCollectionError } from '../gcp/errors.js';
import { Inventory } from '../gcp/inventory.js';
import type { CollectionId } from '../gcp/collection-id.js';
import type { RestSource } from '../gcp/source.js';
import { scanRepository } from '../repo/scan.js';
import type { Discovered, LiveFindings } from './init-register.js';
import type { FoundProject } from './find-project.js';

/** The lists `gtp init` reads to fill in a register, read-only, through the same collections the audit reads. */
const LISTS: readonly CollectionId[] = [
  'sql.instances',
  'gke.clusters',
  'storage.buckets',
  'deploy.pipelines',
  'billing.info',
];

/** What the repository says of the team's setup: its Terraform state bucket and the ecosystems it ships (paths from its root). */
export async function fromRepository(dir: string): Promise<Pick<Discovered, 'stateBucket' | 'ecosystems'>> {
  const facts = await scanRepository(dir);
  const backend = facts.gcsBackends.find((b) => b.bucket);
  return {
    ...(backend?.bucket
      ? {
          stateBucket: { name: backend.bucket, from: `${backend.file}:${backend.line}` },
        }
      : {}),
    ecosystems: Object.entries(facts.manifests).map(([name, places]) => ({
      name,
      from: places[0]!.file,
    })),
  };
}

/**
 * What the project holds that a register names: Cloud SQL primaries, GKE clusters, buckets that keep backups
 * (a retention policy or the label purpose=backup), Cloud Deploy pipelines and the billing account. A list that
 * cannot be read is named with its reason; when none can be, there is nothing live to write (undefined) and the
 * reason is the first list's.
 */
export async function fromProject(
  source: RestSource,
  project: FoundProject,
  dir: string,
  now: Date,
): Promise<{ live?: LiveFindings; why?: string }> {
  const inventory = new Inventory(source, { project: project.id, repoDir: dir, resources: {} });
  await inventory.collect(LISTS);
  const unreadable: string[] = [];
  const read = <T>(id: CollectionId, what: string): T | undefined => {
    const result = inventory.get(id);
    if (result.ok) return result.value as T;
    unreadable.push(`${what}: ${describeCollectionError(result.error)}`);
    return undefined;
  };
  const instances = read<{ name?: string; instanceType?: string }[]>('sql.instances', 'Cloud SQL instances');
  const clusters = read<{ name?: string; location?: string }[]>('gke.clusters', 'GKE clusters');
  const buckets = read<{ name?: string; retentionPolicy?: unknown; labels?: Record<string, string> }[]>(
    'storage.buckets',
    'Cloud Storage buckets',
  );
  const pipelines = read<{ name?: string }[]>('deploy.pipelines', 'Cloud Deploy pipelines');
  const billing = read<{ billingEnabled?: boolean; billingAccountName?: string }>('billing.info', 'billing');
  if (unreadable.length === LISTS.length) return { why: unreadable[0]! };
  const names = (items: { name?: string }[] | undefined) =>
    (items ?? []).map((i) => i.name?.split('/').at(-1) ?? '').filter(Boolean);
  return {
    live: {
      readAt: now.toISOString(),
      sqlPrimaries: names((instances ?? []).filter((i) => i.instanceType === 'CLOUD_SQL_INSTANCE')),
      clusters: (clusters ?? []).filter((c) => c.name).map((c) => `${c.name} (${c.location ?? '?'})`),
      backupBuckets: names((buckets ?? []).filter((b) => b.retentionPolicy || b.labels?.purpose === 'backup')),
      pipelines: names(pipelines),
      ...(billing?.billingEnabled && billing.billingAccountName
        ? { billingAccount: billing.billingAccountName.split('/').at(-1)! }
        : {}),
      unreadable,
    },
  };
}
