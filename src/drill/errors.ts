import { classifyError, describeCollectionError } from '../gcp/errors.js';
import type { SqlOperation } from '../gcp/sql-admin.js';
import type { VerificationResult } from '../evidence/record.js';

/** An error the drill itself raises: its message is the whole explanation. */
export class DrillError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The drill cannot be run as asked; nothing was touched. */
export class DrillRefusal extends DrillError {}

/** The operation finished with an error. */
export class OperationFailed extends DrillError {
  constructor(operation: SqlOperation) {
    const errors = operation.error?.errors ?? [];
    super(
      `${operation.operationType ?? 'the'} operation ${operation.name} failed: ${errors.map((e) => `${e.code ?? 'ERROR'}: ${e.message ?? ''}`).join('; ') || 'no detail'}`,
    );
  }
}

/** The drill's --timeout passed first. */
export class DrillTimeout extends DrillError {
  constructor(what: string, timeoutMs: number) {
    super(`${what} did not finish within the drill's timeout (${Math.round(timeoutMs / 1000)} s)`);
  }
}

/** SIGINT or SIGTERM arrived. */
export class DrillInterrupted extends DrillError {
  constructor(signal: string) {
    super(`interrupted by ${signal}`);
  }
}

/** The checks did not all pass. */
export class VerificationFailed extends DrillError {
  constructor(failing: VerificationResult[], total: number) {
    super(
      `${failing.length} of ${total} check(s) did not pass: ${failing.map((r) => `${r.name} (expected ${r.expected}, got ${r.actual})`).join('; ')}`,
    );
  }
}

/** One line saying why: the drill's own words, or what the API error means (a missing permission, …). */
export function reasonOf(error: unknown): string {
  if (error instanceof DrillError) return error.message;
  const classified = classifyError(error);
  return classified.kind === 'unknown'
    ? ((error as Error).message ?? String(error))
    : describeCollectionError(classified);
}
