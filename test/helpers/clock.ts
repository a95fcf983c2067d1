import { fixedClock } from '../../src/util/clock.js';

/**
 * The day the tests are judged on, whatever day they run: the instant the bundled worlds record as their capture
 * ($capturedAt), so an emulator on this clock serves them exactly as written.
 */
export const TEST_NOW = new Date('2026-11-26T12:00:00.000Z');
export const TEST_CLOCK = fixedClock(TEST_NOW);
