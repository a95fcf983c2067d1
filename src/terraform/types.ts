import type { Body } from './hcl.js';
import type { block, comment } from './hcl.js';

export interface RemediationContext {
  project: string;
  /** Emit irreversible changes (retention locks) live instead of commented out. */
  allowIrreversible: boolean;
}

/** One file: the check's fix, as HCL blocks (resources, imports, variables) and comments. */
export interface Remediation {
  check: string;
  blocks: (ReturnType<typeof block> | ReturnType<typeof comment>)[];
}

export type { Body };
