import type { Register } from '../matrix/schema.js';
import { formatScore, inherentScore } from '../matrix/scoring.js';
import { impactLabel, probabilityLabel } from '../matrix/scales.js';
import { downtimeMinutesPerMonth } from '../audit/apply.js';
import type { AuditResult, CheckResult, MitigationResult, RiskResult } from '../audit/result.js';
import { formatSeconds } from '../util/duration.js';
import { mdCode, mdProse, mdText } from './markdown-text.js';

const TABLE_HEADER = [
  '| Risk Category | Specific Risk | Prob (1-3) | Imp (1-4) | Score | Status | Existing Mitigation | Proposed Mitigation |',
  '| :--- | :--- | :--- | :--- | :--- | :--- | :--- | :--- |',
];

const OUTCOME_ICON: Record<string, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  'not-applicable': '➖ not applicable',
  error: '⚠️ error',
};

/** Table cells keep the seed's notation: "High (3)", bold score, ✅/❌, *None*. */
function riskRow(risk: Register['risks'][number]): string {
  const cells = [
    `**${risk.category}**`,
    risk.title,
    `${probabilityLabel(risk.probability)} (${formatScore(risk.probability)})`,
    `${impactLabel(risk.impact)} (${risk.impact})`,
    `**${formatScore(inherentScore(risk))}**`,
    risk.status === 'mitigated' ? '✅' : '❌',
    risk.existing ? risk.existing.text : '*None*',
    `**${risk.proposed ? risk.proposed.text : 'N/A (Already Mitigated)'}**`,
  ];
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

/** A table cell of the register's prose: one line, no HTML, and a `|` that does not end the cell. */
function escapeCell(text: string): string {
  return mdProse(text).replace(/\|/g, '\\|');
}

export function renderRiskTables(register: Register): string[] {
  const lines: string[] = [];
  for (const table of register.tables) {
    lines.push(`#### ${mdProse(table.title)}`, ...TABLE_HEADER);
    for (const risk of register.risks.filter((r) => r.table === table.id)) lines.push(riskRow(risk));
    lines.push('');
  }
  return lines;
}

function renderGoals(register: Register): string[] {
  if (register.goals.length === 0) return [];
  const lines = ['### Detailed Mitigation Plan', ''];
  for (const goal of register.goals) {
    lines.push(`#### ${goal.number}. ${mdProse(goal.title)}`, `**Goal**: ${mdProse(goal.goal)}`, '');
    for (const item of goal.items) {
      lines.push(`*   **${mdProse(item.title)}**: ${mdProse(item.text)}`);
      for (const detail of item.details ?? []) lines.push(`    *   ${mdProse(detail)}`);
    }
    lines.push('');
  }
  return lines;
}

function renderMilestones(register: Register, result: AuditResult): string[] {
  if (register.milestones.length === 0) return [];
  const progress = new Map(result.milestones.map((m) => [m.id, m]));
  const lines = ['### Proposed New Milestones', ''];
  for (const milestone of register.milestones) {
    const p = progress.get(milestone.id);
    lines.push(
      `#### ${milestone.number}. ${mdProse(milestone.title)} (${mdCode(milestone.id)})`,
      `**Goal**: ${mdProse(milestone.goal)}`,
      '*   **Scope**:',
    );
    for (const item of milestone.scope) lines.push(`    *   ${mdProse(item.text)}`);
    if (p && result.source !== 'declared') {
      lines.push('', `Verified by checks: ${p.done} of ${p.total} scope items.`);
      for (const item of p.items)
        lines.push(
          `- [${item.verified ? 'x' : ' '}] ${mdProse(item.text)}${item.checks.length > 0 ? ` (${item.checks.map(mdCode).join(', ')})` : ' (no check)'}`,
        );
    }
    lines.push('');
  }
  return lines;
}

function renderAvailability(register: Register, result: AuditResult): string[] {
  const availability = register.availability;
  if (!availability) return [];
  const lines = ['### Estimates & "Nines"', ''];
  for (const tier of availability.tiers) {
    lines.push(
      `*   **${mdProse(tier.label)}**: ~${tier.slo}% (${mdProse(tier.description)}). Downtime allowed: ~${Math.floor(downtimeMinutesPerMonth(tier.slo))}m / month.`,
    );
  }
  for (const note of availability.notes) lines.push(`*   **${mdProse(note.label)}**: ${mdProse(note.text)}`);
  lines.push('');
  const a = result.availability;
  if (a && result.source !== 'declared') {
    lines.push(
      a.tier
        ? `Tier the evidence supports: **${mdProse(a.label ?? '')}**, ${a.slo}% (${a.downtimeMinutesPerMonth} min of downtime allowed a month).`
        : 'Tier the evidence supports: none yet.',
    );
    if (a.next)
      lines.push(
        `Next: **${mdProse(a.next.label)}**, ${a.next.slo}% (${a.next.downtimeMinutesPerMonth} min a month), still missing: ${a.next.missing.map(mdCode).join(', ')}.`,
      );
    lines.push('');
  }
  return lines;
}

function mitigationCell(m: MitigationResult | null): string {
  if (!m) return '—';
  if (m.outcome) return `${m.text}: ${OUTCOME_ICON[m.outcome] ?? m.outcome}`;
  if (m.attestation)
    return `${m.text}: attested by ${m.attestation.by} until ${m.attestation.expires}${m.attestation.valid ? '' : ' (expired)'}`;
  return `${m.text}: no check`;
}

function renderChanges(result: AuditResult): string[] {
  const c = result.changes;
  if (!c) return [];
  const lines = [`## Changes since ${mdText(c.baselineGeneratedAt)}`, '', `${c.regressions} regression(s).`, ''];
  for (const id of c.newRisks) lines.push(`- new risk ${mdCode(id)}`);
  for (const id of c.removedRisks) lines.push(`- removed risk ${mdCode(id)}`);
  for (const s of c.statusChanges)
    lines.push(`- ${s.regression ? '⬇️' : '⬆️'} ${mdCode(s.risk)}: ${mdText(s.from)} → ${mdText(s.to)}`);
  for (const s of c.scoreChanges)
    lines.push(
      `- ${s.regression ? '⬇️' : '⬆️'} ${mdCode(s.risk)} residual score ${formatScore(s.from)} → ${formatScore(s.to)}`,
    );
  for (const k of c.newlyFailingChecks)
    lines.push(`- ⬇️ check ${mdCode(k.check)}: ${mdText(k.from)} → ${mdText(k.to)}`);
  for (const id of c.newDrift) lines.push(`- ⬇️ new drift on ${mdCode(id)}`);
  lines.push('');
  return lines;
}

/** An audit judged at another instant than it ran says so: every age in it is measured from then. */
function asOfLines(result: AuditResult): string[] {
  const asOf = result.asOf;
  if (!asOf || asOf.basis === 'now') return [];
  const why = asOf.basis === 'capture' ? 'when the snapshot was taken' : 'set with --as-of';
  const captured =
    asOf.capturedAt && asOf.basis === 'given' ? ` The snapshot was taken at ${mdText(asOf.capturedAt)}.` : '';
  return [
    '',
    `Judged as of ${mdText(asOf.time)} (${why}): finding ages, drill windows and attestation expiries are measured from then, not from ${mdText(result.generatedAt)}.${captured}`,
  ];
}

function renderEvidence(result: AuditResult, terraformDir?: string): string[] {
  if (result.source === 'declared') return [];
  const s = result.summary;
  const lines = [
    '## Evidence',
    '',
    `Audited ${result.project ? mdText(result.project) : 'the project'} (${mdText(result.source)}) at ${mdText(result.generatedAt)}: ${s.mitigated} mitigated, ${s.unmitigated} unmitigated, ${s.unverified} unverified, ${s.attested} attested, ${s.declared} declared only; ${s.drift} drift; highest residual score ${formatScore(s.maxResidualScore)}.`,
    ...asOfLines(result),
    '',
    '| Risk | Declared | Verified | Drift | Inherent | Residual | Existing | Proposed |',
    '| :--- | :--- | :--- | :--- | :--- | :--- | :--- | :--- |',
  ];
  for (const risk of result.risks) lines.push(evidenceRow(risk));
  const scc = result.securityCommandCenter;
  if (scc) {
    lines.push('', '### Security Command Center', '');
    if (scc.error) lines.push(`Could not read findings: ${mdText(scc.error)}`);
    else {
      lines.push(
        `${scc.active} active, unmuted finding(s).`,
        '',
        '| severity | findings |',
        '| :--- | :--- |',
        ...Object.entries(scc.bySeverity).map(([k, v]) => `| ${mdText(k)} | ${v} |`),
      );
      lines.push(
        '',
        '| class | findings |',
        '| :--- | :--- |',
        ...Object.entries(scc.byClass).map(([k, v]) => `| ${mdText(k)} | ${v} |`),
      );
      const behind = result.checks.filter((c) => c.id.startsWith('scc.') && c.outcome === 'fail');
      if (behind.length > 0)
        lines.push(
          '',
          'Findings behind failing checks:',
          ...behind.flatMap((c) =>
            c.resources.filter((r) => r.verdict === 'fail').map((r) => `- ${mdCode(c.id)}: ${mdText(r.detail)}`),
          ),
        );
    }
  }
  const drills = result.restoreDrills;
  if (drills) {
    lines.push('', '### Restore drills', '');
    if (drills.error) lines.push(`Could not read the drill records: ${mdText(drills.error)}`);
    else if (drills.drills.length === 0)
      lines.push(`No drill of this project is recorded in ${mdText(drills.location)}.`);
    else {
      lines.push(
        `From ${mdText(drills.location)}, newest first. RTO: start to verified data; RPO: age of the restored data.`,
        '',
        '| Instance | Finished | Method | Outcome | RTO | RPO | Checks | Failure |',
        '| :--- | :--- | :--- | :--- | :--- | :--- | :--- | :--- |',
      );
      for (const d of drills.drills) {
        // Drill records come from a store anyone with write access can fill: every cell is escaped as such.
        const cells = [
          mdCode(d.instance),
          mdText(d.finishedAt),
          mdText(d.method),
          d.outcome === 'passed' ? '✅ passed' : '❌ failed',
          d.rtoSeconds !== undefined ? formatSeconds(d.rtoSeconds) : '—',
          formatSeconds(d.rpoSeconds),
          `${d.checksPassed}/${d.checksTotal}`,
          mdText(d.failure ?? ''),
        ];
        lines.push(`| ${cells.join(' | ')} |`);
      }
    }
  }
  lines.push('', '### Checks', '');
  for (const check of result.checks) lines.push(...checkSection(check, terraformDir));
  return lines;
}

function evidenceRow(risk: RiskResult): string {
  const cells = [
    risk.title,
    risk.declaredStatus === 'mitigated' ? '✅' : '❌',
    risk.status,
    risk.drift ? '**DRIFT**' : '',
    formatScore(risk.inherentScore),
    formatScore(risk.residualScore),
    mitigationCell(risk.existing),
    mitigationCell(risk.proposed),
  ];
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

/** A relative path as a link target: percent-encoded, parentheses included, so it cannot end the link early. */
function linkTarget(path: string): string {
  return encodeURI(path).replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** What a guardrail's outcome says of prevention, beside the check it guards. */
const PREVENTION_WORDS: Record<CheckResult['outcome'], string> = {
  pass: 'guarded, an enforced guardrail refuses the next one',
  fail: 'not guarded',
  'not-applicable': 'no guardrail can apply',
  error: 'unverified',
};

function checkSection(check: CheckResult, terraformDir?: string): string[] {
  const lines = [
    `#### ${mdCode(check.id)}: ${OUTCOME_ICON[check.outcome] ?? mdText(check.outcome)}`,
    mdProse(check.title),
    '',
  ];
  if (check.error) lines.push(`Could not verify: ${mdText(check.error)}`, '');
  for (const r of check.resources)
    lines.push(
      `- ${r.verdict === 'pass' ? '✅' : r.verdict === 'fail' ? '❌' : '➖'} ${mdCode(r.name)}: ${mdText(r.detail)}`,
    );
  if (check.prevention)
    lines.push(
      '',
      `Prevention (${mdCode(check.prevention.check)}): ${PREVENTION_WORDS[check.prevention.outcome]}: ${mdText(check.prevention.detail)}`,
    );
  if (check.outcome === 'fail') {
    lines.push('', `Remediation: ${mdProse(check.remediation.text)}`);
    if (terraformDir)
      lines.push(
        `Terraform: [${mdText(check.id)}.tf](${linkTarget(`${terraformDir.replace(/\/$/, '')}/${check.id}.tf`)})`,
      );
  }
  lines.push('');
  return lines;
}

/** The register as the seed lays it out, cell for cell, with the evidence in a section of its own. */
/** When controls went unread for one reason: that reason and its fix, ahead of everything else. */
function renderCause(result: AuditResult): string[] {
  const cause = result.cause;
  if (!cause) return [];
  return [
    `> **${cause.controls.length} controls unverified for one reason: ${mdProse(cause.said)}.** Fix: ${mdCode(cause.fix)}`,
    `> ${mdText(cause.detail)}`,
    '',
  ];
}

export function renderMarkdown(register: Register, result: AuditResult, terraformDir?: string): string {
  const lines = [
    `# ${mdProse(register.title)}`,
    '',
    ...renderCause(result),
    '## Reliability & Security Plan',
    '',
    '### Risk Matrix',
    '',
    ...renderRiskTables(register),
    ...renderGoals(register),
    ...renderMilestones(register, result),
    ...renderAvailability(register, result),
    ...renderChanges(result),
    ...renderEvidence(result, terraformDir),
  ];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
