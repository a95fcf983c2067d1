import type { HistoryReport } from '../history/timeline.js';
import { esc } from './html-text.js';

/** The colour of a status in the swimlanes (the report's badge colours). */
const STATUS_COLOUR: Record<string, string> = {
  mitigated: '#3a7',
  attested: '#7b6',
  declared: '#aaa',
  unverified: '#e9a23b',
  unmitigated: '#c33',
};

const WIDTH = 720;
const LANE = 14;
const LABEL = 200;

/**
 * The register over time, from the project's recorded audits: residual risk (the sum of residual scores) as a line,
 * a swimlane per risk coloured by its status at each audit, drift marked above the lane. Inline SVG: no script, no
 * network; every name from the store is escaped.
 */
export function trends(history: HistoryReport | undefined): string {
  if (!history || history.runs === 0) return '';
  const runs = history.residual;
  const times = runs.map((r) => r.at);
  const step = runs.length > 1 ? (WIDTH - 20) / (runs.length - 1) : 0;
  const x = (i: number) => 10 + i * step;
  const top = Math.max(...runs.map((r) => r.total), 1);
  const y = (total: number) => 110 - (total / top) * 100;
  const points = runs.map((r, i) => `${x(i).toFixed(1)},${y(r.total).toFixed(1)}`).join(' ');
  const dots = runs
    .map(
      (r, i) =>
        `<circle cx="${x(i).toFixed(1)}" cy="${y(r.total).toFixed(1)}" r="3" fill="#222"><title>${esc(r.at)}: ${esc(r.total)}</title></circle>`,
    )
    .join('');
  const residual = `<svg id="residual-trend" data-points="${runs.length}" role="img" aria-label="residual risk over time" width="${WIDTH}" height="120" viewBox="0 0 ${WIDTH} 120"><polyline points="${points}" fill="none" stroke="#222" stroke-width="2"/>${dots}</svg>`;

  const cell = runs.length > 1 ? (WIDTH - LABEL) / runs.length : WIDTH - LABEL;
  const lanes = history.risks.map((risk, lane) => {
    // The status at each audit: the last change at or before it.
    const statusAt = (at: string) => [...risk.timeline].reverse().find((t) => t.at <= at);
    const rects = times
      .map((at, i) => {
        const point = statusAt(at);
        if (!point) return '';
        const left = (LABEL + i * cell).toFixed(1);
        const status = point.status;
        const drift = point.drift
          ? `<rect class="drift" x="${left}" y="${lane * (LANE + 6)}" width="${cell.toFixed(1)}" height="3" fill="#c33"/>`
          : '';
        return `${drift}<rect data-status="${esc(status)}" x="${left}" y="${lane * (LANE + 6) + 4}" width="${(cell - 1).toFixed(1)}" height="${LANE}" fill="${STATUS_COLOUR[status] ?? '#aaa'}"><title>${esc(risk.risk)} ${esc(at)}: ${esc(status)}${point.drift ? ' (drift)' : ''}</title></rect>`;
      })
      .join('');
    return `<g class="lane" data-risk="${esc(risk.risk)}"><text x="0" y="${lane * (LANE + 6) + 15}" font-size="12">${esc(risk.risk)}</text>${rects}</g>`;
  });
  const height = history.risks.length * (LANE + 6) + 4;
  const swimlanes = `<svg id="risk-swimlanes" role="img" aria-label="status of each risk at each audit" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${lanes.join('')}</svg>`;
  const legend = Object.entries(STATUS_COLOUR)
    .map(([status, colour]) => `<span class="badge" style="background:${colour};color:#fff">${esc(status)}</span>`)
    .join(' ');
  return `<section id="trends"><h2>Over time</h2><p class="muted">${history.runs} recorded audits, ${esc(history.from ?? '')} to ${esc(history.to ?? '')}. Residual risk is the sum of the risks' residual scores; a red bar above a lane marks drift.</p>
<h3>Residual risk</h3>${residual}
<h3>Risks</h3><p>${legend}</p>${swimlanes}</section>`;
}
