import type { RiskResult } from '../audit/result.js';
import type { RenderContext } from './context.js';

/** XML 1.0 allows tab, newline and carriage return among the control characters, and no others. */
function dropControlCharacters(text: string): string {
  return [...text].filter((c) => c >= ' ' || c === '\t' || c === '\n' || c === '\r').join('');
}

function escape(text: string): string {
  return dropControlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The evidence behind a risk's status, as the body of its failure or error. */
function evidence(risk: RiskResult): string {
  return [risk.existing, risk.proposed]
    .flatMap((m, i) => (m ? m.controls.map((c) => ({ side: i === 0 ? 'existing' : 'proposed', c })) : []))
    .flatMap(({ side, c }) => [
      `${side} ${c.check}: ${c.outcome}${c.error ? ` (${c.error})` : ''}`,
      ...c.evidence.map((e) => `  ${e.verdict} ${e.name}: ${e.detail}`),
    ])
    .join('\n');
}

function testcase(
  risk: RiskResult,
  table: string,
  gateFailure: string[] | undefined,
): { xml: string; kind: 'pass' | 'failure' | 'error' | 'skipped' } {
  const head = `    <testcase name="${escape(`${risk.id}: ${risk.title}`)}" classname="gtp.${escape(table)}" time="0">`;
  const text = escape(evidence(risk));
  if (risk.drift || risk.status === 'unmitigated' || gateFailure) {
    const message = gateFailure?.join('; ') ?? `${risk.id} is ${risk.status}${risk.drift ? ' (drift)' : ''}`;
    return {
      kind: 'failure',
      xml: `${head}\n      <failure message="${escape(message)}" type="${risk.drift ? 'drift' : gateFailure ? 'gate' : 'unmitigated'}">${text}</failure>\n    </testcase>`,
    };
  }
  if (risk.status === 'unverified') {
    return {
      kind: 'error',
      xml: `${head}\n      <error message="${escape(`${risk.id} could not be verified`)}" type="unverified">${text}</error>\n    </testcase>`,
    };
  }
  if (risk.status === 'declared') {
    return {
      kind: 'skipped',
      xml: `${head}\n      <skipped message="no check verifies this risk: the register as written"/>\n    </testcase>`,
    };
  }
  return { kind: 'pass', xml: `${head}</testcase>` };
}

/** JUnit XML (Ant schema): a suite per register table, a case per risk; drift or unmitigated fails, unverified errors, declared skips. */
export function renderJunit(ctx: RenderContext): string {
  const timestamp = ctx.result.generatedAt.slice(0, 19);
  const suites = ctx.register.tables.map((table, id) => {
    const cases = ctx.result.risks
      .filter((r) => r.table === table.id)
      .map((r) => testcase(r, table.id, ctx.gateFailures.get(r.id)));
    const count = (kind: string) => cases.filter((c) => c.kind === kind).length;
    return [
      `  <testsuite name="${escape(table.title)}" package="gtp.${escape(table.id)}" id="${id}" timestamp="${timestamp}" hostname="${escape(ctx.result.project ?? 'localhost')}" tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="0">`,
      `    <properties>`,
      `      <property name="project" value="${escape(ctx.result.project ?? '')}"/>`,
      `      <property name="source" value="${ctx.result.source}"/>`,
      `    </properties>`,
      ...cases.map((c) => c.xml),
      `    <system-out/>`,
      `    <system-err/>`,
      `  </testsuite>`,
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}
