import type { Reporter, TestModule } from 'vitest/node';
import { MISSING_TOOL } from './missing-tool-note.js';

/**
 * Ends the run with what it skipped for want of a system tool (one line, each tool with its count and install
 * line), then one plain line, "N passed, N failed, N skipped", that any CI log reader understands.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const missing = new Map<string, number>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') counts.passed++;
        else if (result.state === 'failed') counts.failed++;
        else {
          counts.skipped++;
          const note = result.state === 'skipped' ? result.note : undefined;
          if (note?.startsWith(MISSING_TOOL)) {
            const tool = note.slice(MISSING_TOOL.length);
            missing.set(tool, (missing.get(tool) ?? 0) + 1);
          }
        }
      }
    }
    if (missing.size > 0) {
      const list = [...missing].map(([tool, n]) => `${tool}: ${n} test${n === 1 ? '' : 's'}`).join('; ');
      process.stdout.write(`\nSkipped for missing system tools: ${list}\n`);
    }
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
