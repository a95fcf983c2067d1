import type { OrgReport, ProjectOutcome } from '../org/result.js';
import { esc } from './html.js';
import { mdCode, mdText } from './markdown-text.js';
import { compareText } from '../util/text.js';
import { orgJsonChunks } from '../org/result-json.js';

/**
 * The organization report: projects grouped by folder × the register's risks, the controls failing most widely,
 * what could not be assessed (kept apart from passes), and what was asked of each API.
 */
export type OrgFormat = 'md' | 'json' | 'html';

/** Each format's text, whole or in pieces (the JSON of a large organization is written a project at a time). */
export const ORG_RENDERERS = {
  json: orgJsonChunks,
  md: orgMarkdown,
  html: orgHtml,
} satisfies Record<OrgFormat, (result: OrgReport) => string | Iterable<string>>;

const CELL: Record<string, string> = {
  mitigated: '✅',
  attested: '📝',
  declared: '·',
  unverified: '❔',
  unmitigated: '❌',
};
const DRIFT = '⚠️';

/**
 * Projects by folder path, the paths in order; a folder shows by its display name when the discovery read one. Each
 * group holds its projects' places and reads them when it is written, so the report never holds every project.
 */
function byFolder(result: OrgReport): [string[], Iterable<ProjectOutcome>][] {
  const groups = new Map<string, { path: string[]; places: number[] }>();
  let index = 0;
  for (const p of result.projects) {
    const key = p.path.join('/');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { path: p.path, places: [] }));
    group.places.push(index++);
  }
  const read = function* (places: readonly number[]): Generator<ProjectOutcome> {
    for (const place of places) yield result.projects.at(place)!;
  };
  return [...groups.entries()].sort(([a], [b]) => compareText(a, b)).map(([, g]) => [g.path, read(g.places)]);
}

/** Each check a project could not verify, project by project. */
function* unassessedChecks(result: OrgReport): Generator<{ project: string; check: ProjectOutcome['checks'][number] }> {
  for (const p of result.projects)
    for (const check of p.checks) if (check.outcome === 'error') yield { project: p.projectId, check };
}

const GATE_WORD: Record<ProjectOutcome['gate'], string> = {
  passed: 'passed',
  failed: 'FAILED',
  unverified: 'unverified',
};

/**
 * Where the resources were read. Cloud Asset Inventory is a picture at its read time, and Google indexes changes
 * within minutes: a change made just before may not be in it, which the reader is told.
 */
export function collectionNote(result: OrgReport): string {
  const c = result.collection;
  if (c.from === 'api') return 'Resources read from each project’s APIs.';
  const fellBack = c.fellBack.map((f) => `${f.assetType} (${f.reason})`).join('; ');
  return [
    `Resources of ${c.assetTypes.length} asset types read from Cloud Asset Inventory as of ${c.readTime ?? 'now'}: a change made in the minutes before may not be in it; the rest from each project’s APIs.`,
    ...(fellBack ? [`Read from the APIs because Cloud Asset Inventory could not list them: ${fellBack}.`] : []),
  ].join(' ');
}

function orgMarkdown(result: OrgReport): string {
  const s = result.summary;
  const folderName = (resource: string) => {
    const name = result.folders[resource];
    return name === undefined ? mdCode(resource) : mdText(name);
  };
  const lines = [
    `# Organization audit: ${mdCode(result.scope)}`,
    '',
    `${result.source} · ${mdText(result.generatedAt)} · ${s.projects} project(s): ${s.passed} passed, ${s.failed} failed, ${s.unverified} could not be fully assessed · ${s.withDrift} with drift`,
    '',
    mdText(collectionNote(result)),
    '',
    '## Projects × risks',
    '',
    `Cells: ${CELL.mitigated} mitigated, ${CELL.attested} attested, ${CELL.unmitigated} unmitigated, ${CELL.unverified} unverified (could not be assessed), ${CELL.declared} declared (no probe); ${DRIFT} drift (declared mitigated, probes say otherwise).`,
    '',
    'Risks: ' + result.risks.map((r, i) => `R${i + 1} ${mdText(r.title)}`).join(' · '),
    '',
  ];
  const header = `| project | gate | ${result.risks.map((_, i) => `R${i + 1}`).join(' | ')} |`;
  const rule = `|---|---|${result.risks.map(() => '---|').join('')}`;
  for (const [path, projects] of byFolder(result)) {
    lines.push(`### ${path.map(folderName).join(' › ') || 'listed projects'}`, '', header, rule);
    for (const p of projects) {
      const status = new Map(p.risks.map((r) => [r.id, r]));
      const cells = result.risks.map((r) => {
        const cell = status.get(r.id);
        return cell ? `${CELL[cell.status]}${cell.drift ? DRIFT : ''}` : '—';
      });
      lines.push(`| ${mdCode(p.projectId)} | ${GATE_WORD[p.gate]} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  const spread = result.checks.filter((c) => c.failingIn > 0 || c.unverifiedIn > 0);
  lines.push('## Controls failing most widely', '');
  if (spread.length === 0) lines.push('No control fails or is unverified in any project.', '');
  else {
    lines.push('| check | fails in | unverified in |', '|---|---|---|');
    for (const c of spread) lines.push(`| ${mdCode(c.id)} ${mdText(c.title)} | ${c.failingIn} | ${c.unverifiedIn} |`);
    lines.push('');
  }
  const unassessed = [...unassessedChecks(result)];
  lines.push('## Could not be assessed', '');
  if (unassessed.length === 0) lines.push('Every control was read in every project.', '');
  else {
    lines.push(
      'These are not passes: the data could not be read (denied, disabled, incomplete), so the control is unverified.',
      '',
    );
    for (const { project, check } of unassessed)
      lines.push(`- ${mdCode(project)} ${mdCode(check.id)}: ${mdText(check.error ?? 'error')}`);
    lines.push('');
  }
  const apis = Object.entries(result.requests.perApi);
  lines.push('## Requests', '');
  if (apis.length > 0) {
    lines.push('| API | calls | rate-quota answers |', '|---|---|---|');
    for (const [api, counts] of apis) lines.push(`| ${mdCode(api)} | ${counts.calls} | ${counts.rateLimited} |`);
    lines.push('');
  }
  lines.push(
    `${(result.requests.durationMs / 1000).toFixed(1)} s; the busiest quota's calls ÷ its rate: ${(result.requests.quotaFloorMs / 1000).toFixed(1)} s.`,
    '',
  );
  if (result.warnings.length > 0) {
    lines.push('## Warnings', '');
    for (const warning of result.warnings) lines.push(`- ${mdText(warning)}`);
    lines.push('');
  }
  if (result.skipped.length > 0) {
    lines.push('## Left out', '');
    for (const skipped of result.skipped) lines.push(`- ${mdCode(skipped.projectId)}: ${mdText(skipped.reason)}`);
    lines.push('');
  }
  return lines.join('\n');
}

const CELL_CLASS: Record<string, string> = {
  mitigated: 'good',
  attested: 'good',
  declared: 'neutral',
  unverified: 'warn',
  unmitigated: 'bad',
};

function orgHtml(result: OrgReport): string {
  const s = result.summary;
  const folderName = (resource: string) => esc(result.folders[resource] ?? resource);
  const head = `<tr><th>project</th><th>gate</th>${result.risks.map((r, i) => `<th title="${esc(r.title)}">R${i + 1}</th>`).join('')}</tr>`;
  const groups = byFolder(result)
    .map(([path, projects]) => {
      const rows = Array.from(projects, (p) => {
        const status = new Map(p.risks.map((r) => [r.id, r]));
        const cells = result.risks.map((r) => {
          const cell = status.get(r.id);
          if (!cell) return '<td class="neutral">—</td>';
          return `<td class="${CELL_CLASS[cell.status]}${cell.drift ? ' drift' : ''}" title="${esc(`${r.title}: ${cell.status}${cell.drift ? ', drift' : ''}`)}">${CELL[cell.status]}${cell.drift ? DRIFT : ''}</td>`;
        });
        return `<tr data-project="${esc(p.projectId)}"><th scope="row"><code>${esc(p.projectId)}</code></th><td class="gate ${p.gate}">${GATE_WORD[p.gate]}</td>${cells.join('')}</tr>`;
      });
      return `<h3>${path.map(folderName).join(' › ') || 'listed projects'}</h3><table>${head}${rows.join('')}</table>`;
    })
    .join('\n');
  const legend = result.risks.map((r, i) => `<li><b>R${i + 1}</b> ${esc(r.title)}</li>`).join('');
  const spread = result.checks
    .filter((c) => c.failingIn > 0 || c.unverifiedIn > 0)
    .map(
      (c) =>
        `<tr><td><code>${esc(c.id)}</code> ${esc(c.title)}</td><td>${c.failingIn}</td><td>${c.unverifiedIn}</td></tr>`,
    )
    .join('');
  const unassessed = Array.from(
    unassessedChecks(result),
    ({ project, check: c }) =>
      `<li><code>${esc(project)}</code> <code>${esc(c.id)}</code>: ${esc(c.error ?? 'error')}</li>`,
  ).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Organization audit: ${esc(result.scope)}</title><style>${STYLE}</style></head>
<body>
<h1>Organization audit: <code>${esc(result.scope)}</code></h1>
<p id="summary">${s.projects} projects: <span class="badge good">${s.passed} passed</span> <span class="badge bad">${s.failed} failed</span> <span class="badge warn">${s.unverified} could not be fully assessed</span> · ${s.withDrift} with drift · ${esc(result.generatedAt)}</p>
<p id="collection">${esc(collectionNote(result))}</p>
<section><h2>Projects × risks</h2><ol class="legend">${legend}</ol>${groups}</section>
<section><h2>Controls failing most widely</h2>${spread ? `<table><tr><th>check</th><th>fails in</th><th>unverified in</th></tr>${spread}</table>` : '<p>No control fails or is unverified in any project.</p>'}</section>
${result.warnings.length > 0 ? `<section id="warnings"><h2>Warnings</h2><ul>${result.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></section>\n` : ''}<section><h2>Could not be assessed</h2>${unassessed ? `<p>Not passes: the data could not be read, so these controls are unverified.</p><ul>${unassessed}</ul>` : '<p>Every control was read in every project.</p>'}</section>
</body></html>
`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:center}th[scope=row]{text-align:left}
.good{background:#d9f0d3}.bad{background:#f4a6a6}.warn{background:#fee08b}.neutral{background:#eee}.drift{outline:2px solid #b00}
.gate.failed{background:#f4a6a6;font-weight:700}.gate.unverified{background:#fee08b}.gate.passed{background:#d9f0d3}
.badge{padding:.1rem .4rem;border-radius:.3rem}.legend{columns:2}`;
