import type { TriggerReading } from './cloudbuild.js';
import type { Ancestry, AncestorPolicies } from './hierarchy.js';
import type { StoredRecords } from '../../evidence/store.js';
import type { RepoFacts } from '../../repo/scan.js';
import type { CollectionId } from '../collection-id.js';
import type { Repository } from './artifact-registry.js';
import type { Policy as BinauthzPolicy } from './binauthz.js';
import type { BackendServicesScope, SecurityPolicy } from './compute.js';
import type { Automation, DeliveryPipeline } from './deploy.js';
import type { Cluster } from './gke.js';
import type { Policy as IamPolicy } from './iam.js';
import type { ClusterWorkloads } from './kubernetes.js';
import type { LogSink } from './logging.js';
import type { ReachingEntitlements } from './pam.js';
import type { SqlProtectionReading, VaultReading } from './backupdr.js';
import type { ProbeReadings } from '../../probes/read.js';
import type { ConstraintReading, GuardrailReading } from '../../orgpolicy/model.js';
import type { AlertPolicy, NotificationChannel, Snooze } from './monitoring.js';
import type { FindingResult } from './scc.js';
import type { SqlInstance } from './sql.js';
import type { Bucket } from './storage.js';

/** cloudbilling v1 ProjectBillingInfo. */
export interface BillingInfo {
  billingEnabled?: boolean;
  billingAccountName?: string;
}

/** cloudresourcemanager v3 Project: the fields read. */
export interface Project {
  name?: string;
}

/** serviceusage v1 Service: the fields read. */
export interface Service {
  state?: string;
}

/** A location of a regional API (the Locations mixin). */
export interface Location {
  locationId?: string;
}

/**
 * What each collection holds once collected, as the REST API answers (only the fields gtp reads are typed).
 * `CheckData.get(id)` is typed by this map, so that no check asserts the shape of what it reads. The inventory
 * checks the answers' outer shape (a list of objects, a map of scopes) before a check sees them.
 */
export interface CollectionShapes {
  'sql.instances': SqlInstance[];
  'gke.clusters': Cluster[];
  'compute.backendServices': Record<string, BackendServicesScope>;
  'billing.info': BillingInfo;
  /** Each budget is shaped by the billing checks (zod): a budget of another shape is their error, not a cast. */
  'billing.budgets': unknown[];
  'resourcemanager.project': Project;
  /** null: not read, as the project has no repository of a scanned format. */
  'serviceusage.containerScanning': Service | null;
  'artifactregistry.locations': Location[];
  'artifactregistry.repositories': Repository[];
  'deploy.locations': Location[];
  'deploy.pipelines': DeliveryPipeline[];
  'deploy.automations': Automation[];
  'monitoring.alertPolicies': AlertPolicy[];
  /** null: not read, as the project has no alert policy. */
  'monitoring.notificationChannels': NotificationChannel[] | null;
  /** null: not read, as the project has no alert policy. */
  'monitoring.snoozes': Snooze[] | null;
  'logging.sinks': LogSink[];
  'storage.buckets': Bucket[];
  /** The buckets the register names, by name: null when there is no such bucket. */
  'storage.namedBuckets': Record<string, Bucket | null>;
  'resourcemanager.iamPolicy': IamPolicy;
  'resourcemanager.ancestry': Ancestry;
  'resourcemanager.ancestorPolicies': AncestorPolicies;
  'pam.entitlements': ReachingEntitlements;
  'probes.lists': ProbeReadings;
  'orgpolicy.stateBucketPrevention': ConstraintReading;
  'orgpolicy.guardrails': GuardrailReading;
  'backupdr.vaults': VaultReading;
  'backupdr.sqlProtection': SqlProtectionReading;
  /** null: not read, as the project has no GKE cluster. */
  'binauthz.policy': BinauthzPolicy | null;
  'compute.securityPolicies': Record<string, { securityPolicies?: SecurityPolicy[] }>;
  'scc.vulnerabilityFindings': FindingResult[];
  'scc.misconfigurationFindings': FindingResult[];
  'scc.activeFindings': FindingResult[];
  'repo.facts': RepoFacts;
  'drill.records': StoredRecords & { location: string };
  'k8s.clusters': ClusterWorkloads[];
  'cloudbuild.triggers': TriggerReading;
}

/** Every collection has a shape, and nothing else does (checked by the compiler). */
export type CollectionShape<K extends CollectionId> = CollectionShapes[K];
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const EVERY_COLLECTION_HAS_A_SHAPE: Exact<keyof CollectionShapes, CollectionId> = true;
