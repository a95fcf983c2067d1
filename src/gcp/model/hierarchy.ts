import type { Policy } from './iam.js';

/**
 * The folders and organization above a project, nearest first, as Resource Manager's `parent` fields lead up
 * (project → folders/… → organizations/…). Settings made there reach the project: audit configs are inherited
 * (the effective configuration is the union of the project's and its ancestors'), and budgets may be scoped to them.
 */
export interface Ancestry {
  /** `folders/N` … `organizations/N`, nearest first; empty for a project in no organization. */
  ancestors: string[];
  /** Where the walk up stopped short, and why: what lies above is unknown. */
  unreadable?: string;
}

/** The IAM policies of a project's ancestors: those read, and those that could not be (their content is unknown). */
export interface AncestorPolicies {
  policies: { resource: string; policy: Policy }[];
  unreadable: string[];
}
