import type { GateOutcome } from '../audit/gate.js';

/** Every exit code gtp uses, decided here and nowhere else. */
export const EXIT = {
  OK: 0,
  /** The gate failed: drift, a residual score over --fail-above, a regression with --fail-on regression. */
  GATE_FAILED: 1,
  /** Bad input or usage: a malformed register, an unknown option, a missing file. */
  BAD_INPUT: 2,
  /** Nothing failed, but some controls could not be verified (permission, disabled API, timeout). */
  UNVERIFIED: 3,
  /** A drill's scratch instance could not be deleted: it is left, labelled, for `gtp drill gc`. */
  CLEANUP_FAILED: 4,
  /** An output path could not be written (read-only, a directory, a full disk): nothing was half-written (sysexits EX_CANTCREAT). */
  CANNOT_WRITE: 73,
  /** A drill stopped by Ctrl-C (128 + SIGINT) or by SIGTERM (128 + 15), after cleaning up. */
  INTERRUPTED: 130,
  TERMINATED: 143,
  /** A bug in gtp itself. */
  INTERNAL: 70,
} as const;

export function exitCodeOf(outcome: GateOutcome): number {
  return outcome === 'failed' ? EXIT.GATE_FAILED : outcome === 'unverified' ? EXIT.UNVERIFIED : EXIT.OK;
}
