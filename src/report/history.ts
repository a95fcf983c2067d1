import type { HistoryReport } from '../history/timeline.js';
import { mdCode, mdText } from './markdown-text.js';

const when = (at: string | null) => (at === null ? '—' : at.slice(0, 16).replace('T', ' '));
const days = (d: number | null) => (d === null ? '—' : `${d} d`);

/** The register over time, as Markdown: every name from the store is escaped, as data from outside gtp is. */
export function renderHistoryMarkdown(report: HistoryReport): string {
  const lines = [
    '# Register history',
    '',
    report.runs === 0
      ? 'No audit is recorded (gtp audit --record STORE).'
      : `${report.runs} audits of ${report.projects.map(mdCode).join(', ')}, from ${when(report.from)} to ${when(report.to)}.`,
    '',
    '## Time to mitigate',
    '',
    '| Risk | Episodes | Median | p90 |',
    '|---|---|---|---|',
    ...report.timeToMitigate.map(
      (t) => `| ${mdCode(t.risk)} | ${t.episodes} | ${days(t.medianDays)} | ${days(t.p90Days)} |`,
    ),
    ...(report.projects.length > 1
      ? [
          '',
          '### Per project',
          '',
          '| Project | Episodes | Median | p90 |',
          '|---|---|---|---|',
          ...report.timeToMitigateByProject.map(
            (t) => `| ${mdCode(t.project)} | ${t.episodes} | ${days(t.medianDays)} | ${days(t.p90Days)} |`,
          ),
        ]
      : []),
    '',
    '## Risks',
  ];
  for (const risk of report.risks) {
    lines.push(
      '',
      `### ${mdCode(risk.risk)}${report.projects.length > 1 ? ` in ${mdCode(risk.project)}` : ''}`,
      '',
      '| From | Status | Residual | Drift |',
      '|---|---|---|---|',
      ...risk.timeline.map(
        (t) => `| ${when(t.at)} | ${mdText(t.status)} | ${t.residualScore} | ${t.drift ? 'yes' : ''} |`,
      ),
    );
    for (const e of risk.drift)
      lines.push('', `Drift from ${when(e.start)} ${e.end ? `to ${when(e.end)}` : 'and still'} (${e.days} d).`);
  }
  lines.push('', '## Checks', '', '| Check | First failed | Last fixed | Days failing |', '|---|---|---|---|');
  for (const check of report.checks.filter((c) => c.failing.length > 0))
    lines.push(
      `| ${mdCode(check.check)}${report.projects.length > 1 ? ` (${mdCode(check.project)})` : ''} | ${when(check.firstFailed)} | ${check.lastFixed ? when(check.lastFixed) : '—'} | ${check.daysFailing} |`,
    );
  return `${lines.join('\n')}\n`;
}
