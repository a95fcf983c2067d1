import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { onTerminal } from '../helpers/terminal.js';
import { needs, SCRIPT } from '../helpers/system-tools.js';

needs(SCRIPT);

const DRIFTED = ['audit', '--snapshot', 'examples/worlds/drifted.json', '--repo', 'examples/demo-repo'];

describe('the one-screen view on a terminal (the default there)', () => {
  it.each([80, 160])(
    'at %i columns: verdict, risks with drift, controls to act on, next steps; no line wider',
    async (columns) => {
      const { code, lines } = await onTerminal(columns, DRIFTED, { NO_COLOR: '' });
      const text = lines;
      // The exit code is the gate's, whatever the view.
      expect(code).toBe(1);
      expect(text[0]).toMatch(/^gtp audit · acme-prod · snapshot · \d{4}-\d\d-\d\d \d\d:\d\d$/);
      expect(text[1]).toBe('✖ Gate failed (exit 1): 3 reasons, 3 risks drifted');
      expect(text).toContainEqual(expect.stringMatching(/^Single Zone Failure +mitigated +⚠ unmitigated +6 → 6 *$/));
      const controls = text.findIndex((l) => l.startsWith('Controls to act on: 26 failing, 0 unverified'));
      expect(controls).toBeGreaterThan(0);
      // The controls behind the drift come first.
      expect(text[controls + 1]).toMatch(/^⚠ gke\.regional +1 resource +Create the cluster with a region/);
      const next = text.indexOf('Next');
      expect(text[next + 2]).toMatch(
        /^ {4}gtp audit --snapshot examples\/worlds\/drifted\.json --repo examples\/demo-repo --format html -o audit\.html$/,
      );
      expect(text).toContain('    gtp terraform fix --from audit.json -o fixes/');
      // Everything but the copyable commands fits the width; the whole view fits one screen.
      for (const line of text.slice(0, next)) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
      expect(text.filter((l) => l !== '').length).toBeLessThanOrEqual(60);
    },
  );

  it('colour on a terminal; none under NO_COLOR or TERM=dumb', async () => {
    expect((await onTerminal(100, DRIFTED, { NO_COLOR: '' })).raw).toContain('\u001b[');
    expect((await onTerminal(100, DRIFTED, { NO_COLOR: '1' })).raw).not.toContain('\u001b[');
    expect((await onTerminal(100, DRIFTED, { NO_COLOR: '', TERM: 'dumb' })).raw).not.toContain('\u001b[');
  });

  it('--format md on a terminal is Markdown, as it is in a pipe', async () => {
    const { lines } = await onTerminal(100, [...DRIFTED, '--format', 'md'], { NO_COLOR: '1' });
    expect(lines[0]).toMatch(/^# /);
  });

  it("text from the cloud cannot act on the terminal: a risk's title with escape sequences is shown, not obeyed", async () => {
    const { renderTerminal } = await import('../../src/report/terminal.js');
    const title = 'Evil \u001b]0;owned\u0007 \u001b[2J title';
    const out = renderTerminal(
      {
        register: { risks: [] } as never,
        result: {
          project: 'acme-prod',
          source: 'live',
          generatedAt: '2026-11-26T12:00:00.000Z',
          risks: [
            {
              id: 'r',
              title,
              declaredStatus: 'mitigated',
              status: 'mitigated',
              drift: false,
              inherentScore: 4,
              residualScore: 2,
            },
          ],
          checks: [],
          summary: { mitigated: 1, unmitigated: 0, unverified: 0, drift: 0 },
        } as never,
        registerFile: 'risks.yaml',
        locate: () => ({ line: 1, column: 1 }),
        gateFailures: new Map(),
      },
      { outcome: 'passed', reasons: [] },
      { columns: 100, color: false, rerun: 'gtp audit' },
    );
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(out).toContain('Evil \\u001b]0;owned\\u0007 \\u001b[2J title');
  });
});
