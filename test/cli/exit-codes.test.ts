import { describe, expect, it } from 'vitest';
import { drillExitCode, drillGcExitCode, EXIT } from '../../src/cli/exit-codes.js';

describe("a restore drill's exit code", () => {
  const passed = { cleanupFailed: false, passed: true, recorded: true };
  it.each([
    ['passed and recorded', passed, EXIT.OK],
    ['passed, but the record could not be written', { ...passed, recorded: false }, EXIT.GATE_FAILED],
    ['failed verification', { ...passed, passed: false }, EXIT.GATE_FAILED],
    ['interrupted (Ctrl-C), cleaned up', { ...passed, signal: 'SIGINT' as const }, EXIT.INTERRUPTED],
    ['terminated (SIGTERM), cleaned up', { ...passed, signal: 'SIGTERM' as const }, EXIT.TERMINATED],
    [
      'scratch instance left behind, even when interrupted',
      { ...passed, cleanupFailed: true, signal: 'SIGINT' as const },
      EXIT.CLEANUP_FAILED,
    ],
  ])('%s', (_name, ending, code) => {
    expect(drillExitCode(ending)).toBe(code);
  });

  it('drill gc: any instance it could not delete is a clean-up failure', () => {
    expect(drillGcExitCode(0)).toBe(EXIT.OK);
    expect(drillGcExitCode(2)).toBe(EXIT.CLEANUP_FAILED);
  });

  it('codes are distinct', () => {
    expect(new Set(Object.values(EXIT)).size).toBe(Object.keys(EXIT).length);
  });
});
