import { formatSeconds } from '../util/duration.js';
import { downtimeMinutesPerMonth } from '../audit/apply.js';
import type { CheckResult, RiskResult } from '../audit/result.js';
import { formatScore } from '../matrix/scoring.js';
import { IMPACT_LABELS, PROBABILITY_LABELS } from '../matrix/scales.js';
import type { RenderContext } from './context.js';
import { trends } from './trends.js';
import { esc } from './html-text.js';

export { esc };

const STATUS_CLASS: Record<string, string> = {
  mitigated: 'good',
  attested: 'good',
  declared: 'neutral',
  unverified: 'warn',
  unmitigated: 'bad',
};
const OUTCOME_CLASS: Record<string, string> = { pass: 'good', 'not-applicable': 'neutral', error: 'warn', fail: 'bad' };

/** Cell colour by score: the usual green → red of a risk matrix. */
function heat(score: number): string {
  if (score >= 9) return '#d73027';
  if (score >= 6) return '#fc8d59';
  if (score >= 3) return '#fee08b';
  if (score >= 1.5) return '#d9ef8b';
  return '#91cf60';
}

function heatMap(risks: RiskResult[]): string {
  const number = new Map(risks.map((r, i) => [r.id, i + 1]));
  const probabilities = [...PROBABILITY_LABELS.keys()].sort((a, b) => b - a);
  const impacts = [...IMPACT_LABELS.keys()].sort((a, b) => a - b);
  const marker = (r: RiskResult, kind: 'inherent' | 'residual') =>
    `<span class="risk ${kind}" data-risk="${esc(r.id)}" title="${esc(`${r.title}: ${kind} ${kind === 'inherent' ? r.inherentScore : r.residualScore}`)}">${number.get(r.id)}</span>`;
  const rows = probabilities.map((p) => {
    const cells = impacts.map((i) => {
      const inherent = risks.filter((r) => r.probability === p && r.impact === i);
      // A risk whose verified mitigations moved it shows a second, hollow marker where it now sits.
      const residual = risks.filter(
        (r) =>
          r.residualProbability === p &&
          r.residualImpact === i &&
          (r.residualProbability !== r.probability || r.residualImpact !== r.impact),
      );
      return `<td class="cell" data-probability="${p}" data-impact="${i}" style="background:${heat(p * i)}">${inherent.map((r) => marker(r, 'inherent')).join('')}${residual.map((r) => marker(r, 'residual')).join('')}</td>`;
    });
    return `<tr><th scope="row">${esc(PROBABILITY_LABELS.get(p)!)} (${formatScore(p)})</th>${cells.join('')}</tr>`;
  });
  const legend = risks.map(
    (r) =>
      `<li><b>${number.get(r.id)}</b> ${esc(r.title)} <span class="muted">${formatScore(r.inherentScore)} → ${formatScore(r.residualScore)}</span></li>`,
  );
  return `<section><h2>Heat map</h2><p class="muted">Filled markers: inherent position (probability × impact). Hollow markers: where verified mitigations moved the risk.</p>
<table class="heat"><thead><tr><th></th>${impacts.map((i) => `<th scope="col">${esc(IMPACT_LABELS.get(i)!)} (${i})</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>
<ol class="legend">${legend.join('')}</ol></section>`;
}

/** The guardrail beside a guarded check, where the audit judged one. */
function prevention(check: CheckResult | undefined): string {
  const p = check?.prevention;
  if (!p) return '';
  return `<p class="prevention" data-prevention="${p.outcome}">Prevention (<code>${esc(p.check)}</code>): <span class="badge ${OUTCOME_CLASS[p.outcome]}">${p.outcome}</span> ${esc(p.detail)}</p>`;
}

function controls(risk: RiskResult, checks: Map<string, CheckResult>): string {
  const items = [risk.existing, risk.proposed].flatMap((m, i) =>
    m
      ? m.controls.map((c) => {
          const rows = c.evidence
            .map((e) => `<li class="${OUTCOME_CLASS[e.verdict]}">${esc(e.name)}: ${esc(e.detail)}</li>`)
            .join('');
          return `<details class="control" data-check="${esc(c.check)}" data-check-outcome="${c.outcome}"><summary><span class="badge ${OUTCOME_CLASS[c.outcome]}">${c.outcome}</span> ${i === 0 ? 'existing' : 'proposed'}: <code>${esc(c.check)}</code> ${esc(checks.get(c.check)?.title ?? '')}</summary>${c.error ? `<p class="warn">${esc(c.error)}</p>` : ''}<ul>${rows}</ul>${prevention(checks.get(c.check))}${c.outcome === 'fail' ? `<p>Fix: ${esc(checks.get(c.check)?.remediation.text ?? '')}</p>` : ''}</details>`;
        })
      : [],
  );
  return items.join('') || '<span class="muted">no check</span>';
}

function riskTables(ctx: RenderContext): string {
  const checks = new Map(ctx.result.checks.map((c) => [c.id, c]));
  return ctx.register.tables
    .map((table) => {
      const rows = ctx.result.risks
        .filter((r) => r.table === table.id)
        .map(
          (r) => `<tr data-risk="${esc(r.id)}" data-status="${r.status}"${r.drift ? ' data-drift="true"' : ''}>
<td><b>${esc(r.category)}</b></td><td>${esc(r.title)}</td><td>${esc(PROBABILITY_LABELS.get(r.probability) ?? '')} (${formatScore(r.probability)})</td><td>${esc(IMPACT_LABELS.get(r.impact) ?? '')} (${r.impact})</td>
<td><b>${formatScore(r.inherentScore)}</b> → ${formatScore(r.residualScore)}</td><td><span class="muted">declared ${r.declaredStatus}</span><br><span class="badge ${STATUS_CLASS[r.status]}">${r.status}</span>${r.drift ? ' <span class="badge bad">drift</span>' : ''}</td>
<td>${esc(r.existing?.text ?? 'None')}</td><td>${esc(r.proposed?.text ?? 'N/A (Already Mitigated)')}</td><td>${controls(r, checks)}</td></tr>`,
        );
      return `<h3>${esc(table.title)}</h3><table class="risks"><thead><tr><th>Risk Category</th><th>Specific Risk</th><th>Prob</th><th>Imp</th><th>Score → residual</th><th>Status</th><th>Existing Mitigation</th><th>Proposed Mitigation</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    })
    .join('');
}

function milestones(ctx: RenderContext): string {
  const items = ctx.result.milestones.map(
    (
      m,
    ) => `<div class="milestone" data-milestone="${esc(m.id)}"><b>${m.number}. ${esc(m.title)}</b> <span class="muted">${m.done} / ${m.total} verified</span>
<div class="bar"><div style="width:${m.total ? (100 * m.done) / m.total : 0}%"></div></div><ul>${m.items.map((i) => `<li>${i.verified ? '☑' : '☐'} ${esc(i.text)}</li>`).join('')}</ul></div>`,
  );
  return `<section><h2>Milestones</h2>${items.join('')}</section>`;
}

function availability(ctx: RenderContext): string {
  const a = ctx.result.availability;
  const tiers = (ctx.register.availability?.tiers ?? [])
    .map((t) => `<li>${esc(t.label)}: ${t.slo}% (${downtimeMinutesPerMonth(t.slo)} min a month)</li>`)
    .join('');
  const reached = a?.tier
    ? `<p class="tier">Supported by evidence: <b>${esc(a.label ?? '')}</b>, ${a.slo}% (${a.downtimeMinutesPerMonth} min of downtime a month)</p>`
    : '<p class="tier">No availability tier is supported by evidence yet.</p>';
  const next = a?.next
    ? `<p>Next: ${esc(a.next.label)} needs ${a.next.missing.map((m) => `<code>${esc(m)}</code>`).join(', ')}</p>`
    : '';
  return `<section><h2>Availability</h2>${reached}${next}<ul>${tiers}</ul></section>`;
}

/** The latest restore drills and their measured recovery figures, when the audit read the drill store. */
function restoreDrills(ctx: RenderContext): string {
  const d = ctx.result.restoreDrills;
  if (!d) return '';
  if (d.error)
    return `<section><h2>Restore drills</h2><p class="bad">Could not read the drill records: ${esc(d.error)}</p></section>`;
  if (d.drills.length === 0)
    return `<section><h2>Restore drills</h2><p>No drill of this project is recorded in ${esc(d.location)}.</p></section>`;
  const rows = d.drills.map(
    (x) =>
      `<tr><td>${esc(x.instance)}</td><td>${esc(x.finishedAt)}</td><td>${esc(x.method)}</td><td><span class="badge ${x.outcome === 'passed' ? 'good' : 'bad'}">${x.outcome}</span></td><td>${x.rtoSeconds !== undefined ? formatSeconds(x.rtoSeconds) : '—'}</td><td>${formatSeconds(x.rpoSeconds)}</td><td>${x.checksPassed}/${x.checksTotal}</td><td>${esc(x.failure ?? '')}</td></tr>`,
  );
  return `<section id="drills"><h2>Restore drills</h2><p class="muted">RTO: start to verified data. RPO: age of the restored data. From ${esc(d.location)}.</p>
<table><thead><tr><th>Instance</th><th>Finished</th><th>Method</th><th>Outcome</th><th>RTO</th><th>RPO</th><th>Checks</th><th>Failure</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222;max-width:1400px}
h1{margin-bottom:.2rem}.muted{color:#666}.badge{display:inline-block;padding:0 .4em;border-radius:.3em;font-size:.85em;font-weight:600}
.good{background:#d9f2d9;color:#185c18}.bad{background:#fbd5d5;color:#8a1c1c}.warn{background:#fff0c2;color:#6b5100}.neutral{background:#e8e8e8;color:#444}
li.good,li.bad,li.neutral,li.warn{background:none}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
.heat td.cell{width:7rem;height:4.5rem;text-align:center}.risk{display:inline-block;min-width:1.5em;margin:1px;border-radius:1em;font-weight:700}
.risk.inherent{background:#222;color:#fff}.risk.residual{border:2px dashed #222;background:#fff}
.legend{columns:3}.bar{background:#eee;height:.6rem;width:20rem;border-radius:.3rem}.bar div{background:#3a7;height:100%;border-radius:.3rem}
details.control summary{cursor:pointer}code{font-size:.9em}`;

/**
 * One self-contained page (no script, no network): heat map, the register with evidence, milestones, availability,
 * and, with a history store, the register over time.
 */
export function renderHtml(ctx: RenderContext): string {
  const r = ctx.result;
  const s = r.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(ctx.register.title)}: ${esc(r.project ?? 'register')}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(ctx.register.title)}</h1>
<p class="muted">${esc(r.project ?? 'no project')} · ${r.source} · ${esc(r.generatedAt)}</p>
<p id="summary">${s.risks} risks: <span class="badge good">${s.mitigated} mitigated</span> <span class="badge good">${s.attested} attested</span> <span class="badge bad">${s.unmitigated} unmitigated</span> <span class="badge warn">${s.unverified} unverified</span> <span class="badge neutral">${s.declared} declared</span> · drift ${s.drift} · highest residual ${formatScore(s.maxResidualScore)}</p>
${heatMap(r.risks)}
<section><h2>Risk matrix</h2>${riskTables(ctx)}</section>
${milestones(ctx)}
${availability(ctx)}
${restoreDrills(ctx)}
${trends(ctx.history)}
</body></html>
`;
}
