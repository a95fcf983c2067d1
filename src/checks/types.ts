import type * as z from 'zod';
import type { TerraformFix } from '../terraform/kit.js';
import type { CollectionId } from '../gcp/collection-id.js';
import type { CollectionShapes } from '../gcp/model/collections.js';
import type { RegisterResources, RegisterSettings } from '../matrix/schema.js';

export type Outcome = 'pass' | 'fail' | 'not-applicable' | 'error';
export type Verdict = 'pass' | 'fail' | 'not-applicable';

/** One resource a check inspected: its short name, its verdict and the field values that decided it. */
export interface ResourceVerdict {
  name: string;
  verdict: Verdict;
  detail: string;
  /** For a failing resource that remediation rewrites: the API object (or the facts) it is written from. */
  data?: unknown;
}

export interface Evaluation {
  resources: ResourceVerdict[];
  /** Set when the outcome is not simply "any fail → fail, any pass → pass, else not applicable". */
  outcome?: Exclude<Outcome, 'error'>;
}

/** The collected data a check may read: only successfully collected values reach it. */
export interface CheckData {
  /** Typed by the model's collection map: a check never asserts the shape of what it reads. */
  get<K extends CollectionId>(id: K): CollectionShapes[K];
  /** The project being judged: its id, as the requests named it. */
  project: string;
  /** Resources the register names (state bucket, backup buckets) for checks that are about particular ones. */
  resources: RegisterResources;
  /** How the register asks some checks to judge (grace periods). */
  settings: RegisterSettings;
  /** The audit's clock, for checks that judge age. */
  now: Date;
  /** Results of the checks named in `peers` that ran before this one (cross-checks compare with them). */
  peers: readonly PeerResult[];
}

/** What a cross-check sees of another check's result. */
export interface PeerResult {
  id: string;
  outcome: Outcome;
  resources: readonly ResourceVerdict[];
}

export interface CheckDefinition {
  /** service.question, stable: risks.yaml refers to it. */
  id: string;
  title: string;
  collects: readonly CollectionId[];
  /** IAM permissions its collections need. */
  permissions: readonly string[];
  /**
   * How the control is put in place: the text people read, and either the Terraform generator in the check's
   * folder or why no Terraform change fixes it (`gtp terraform fix` writes that reason's advice instead).
   */
  remediation: { text: string; terraform: TerraformFix } | { text: string; operational: string };
  /**
   * The shape of what a failing resource carries to the Terraform fix (`data`): checked again when a report is
   * read back (`gtp terraform fix --from`), since the file crossed a process boundary and may have been edited.
   */
  evidence?: z.ZodType;
  /**
   * What it reads beyond its collections' routes: a team's own probe names its lists' permissions and APIs, which
   * `gtp doctor` and `gtp iam role` then ask for.
   */
  reads?: { permissions: readonly string[]; apis: readonly string[] };
  /** Checks whose results this one compares with ('*': every other check); they are evaluated first. */
  peers?: readonly string[] | '*';
  evaluate(data: CheckData): Evaluation;
}

export function defineCheck(definition: CheckDefinition): CheckDefinition {
  return definition;
}

/** Any failing resource fails the check; otherwise any passing one passes it; otherwise nothing applied. */
export function outcomeOf(evaluation: Evaluation): Exclude<Outcome, 'error'> {
  if (evaluation.outcome) return evaluation.outcome;
  if (evaluation.resources.some((r) => r.verdict === 'fail')) return 'fail';
  if (evaluation.resources.some((r) => r.verdict === 'pass')) return 'pass';
  return 'not-applicable';
}
