import { describe, expect, it } from 'vitest';
import { fitStepSummary } from '../../src/cli/github.js';

describe('the job summary of a large organization', () => {
  it('is whole when it fits', () => {
    expect(fitStepSummary('# report\n| a |', 100)).toBe('# report\n| a |\n');
  });

  it('is cut at the last whole line that fits, counted in UTF-8 bytes, and says so', () => {
    const row = '| `syn-00001` | ✅ | ❌ |';
    const markdown = Array.from({ length: 50 }, () => row).join('\n');
    const fitted = fitStepSummary(markdown, 1000);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(1000);
    const lines = fitted.split('\n');
    expect(lines.filter((l) => l === row).length).toBeGreaterThan(10);
    expect(lines.filter((l) => l.startsWith('|')).every((l) => l === row)).toBe(true);
    expect(fitted).toContain('longer than a step summary holds');
  });
});
