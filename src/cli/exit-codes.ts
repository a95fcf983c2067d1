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

/** What a restore drill's exit code depends on, in the order it is decided. */
export interface DrillEnding {
  /** The scratch instance could not be deleted: said first, whatever else happened. */
  cleanupFailed: boolean;
  /** Ctrl-C or SIGTERM arrived during the drill (it was cleaned up and recorded). */
  signal?: 'SIGINT' | 'SIGTERM';
  passed: boolean;
  /** The record reached the evidence store: a drill with no record is no evidence, and does not pass. */
  recorded: boolean;
}

/** 130 after SIGINT, 143 after SIGTERM (128 + the signal's number). */
export function signalExitCode(signal: 'SIGINT' | 'SIGTERM'): number {
  return signal === 'SIGTERM' ? EXIT.TERMINATED : EXIT.INTERRUPTED;
}

export function drillExitCode(ending: DrillEnding): number {
  if (ending.cleanupFailed) return EXIT.CLEANUP_FAILED;
  if (ending.signal) return signalExitCode(ending.signal);
  return ending.passed && ending.recorded ? EXIT.OK : EXIT.GATE_FAILED;
}

/** `gtp drill gc`: an expired scratch instance it could not delete is a clean-up failure. */
export function drillGcExitCode(undeleted: number): number {
  return undeleted > 0 ? EXIT.CLEANUP_FAILED : EXIT.OK;
}
