import { createHash } from 'node:crypto';
import type { CheckResult } from '../audit/result.js';
import { checkLocation, type RenderContext } from './context.js';
import { GTP_VERSION as VERSION } from '../util/version.js';

/**
 * GitHub code scanning keeps at most 5,000 results of a run (and rejects a run of more than 25,000). A check keeps
 * its first PER_CHECK failing resources as results and says in one more how many others fail; past MAX_RESULTS,
 * the least severe are left out, and the run's notifications say how many.
 */
export const PER_CHECK = 100;
export const MAX_RESULTS = 5_000;

function ruleName(id: string): string {
  return id
    .split(/[.-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/**
 * SARIF 2.1.0 for code scanning: a rule per check, a result per failing or unverifiable resource, placed on the
 * line of risks.yaml that names the check (so the annotation lands on the register) and naming the cloud resource
 * as its logical location. Results of checks behind a gate failure are errors; the rest are warnings.
 */
export function renderSarif(ctx: RenderContext): string {
  const { result } = ctx;
  const rules = result.checks.map((check) => ({
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: check.title },
    help: { text: check.remediation.text, markdown: check.remediation.text },
    properties: { tags: ['gtp', check.id.split('.')[0]!] },
  }));
  const all = result.checks.flatMap((check, ruleIndex) => resultsOf(ctx, check, ruleIndex));
  // Over the limit, errors (what the gate fails on) are kept before warnings; within a level, catalogue order.
  const ranked =
    all.length <= MAX_RESULTS
      ? all
      : [...all.filter((r) => r.level === 'error'), ...all.filter((r) => r.level !== 'error')];
  const results = ranked.slice(0, MAX_RESULTS);
  const omitted = ranked.length - results.length;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'gtp', semanticVersion: VERSION, version: VERSION, rules } },
        automationDetails: { id: `gtp/audit/${result.project ?? 'project'}/` },
        originalUriBaseIds: { SRCROOT: { uri: 'file:///' } },
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications:
              omitted > 0
                ? [
                    {
                      level: 'warning',
                      message: {
                        text: `${omitted} of ${ranked.length} results left out: GitHub code scanning keeps at most ${MAX_RESULTS} results of a run. The JSON report has them all.`,
                      },
                    },
                  ]
                : [],
          },
        ],
        properties: {
          project: result.project,
          source: result.source,
          summary: result.summary,
          ...(omitted > 0 ? { omittedResults: omitted } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function resultsOf(ctx: RenderContext, check: CheckResult, ruleIndex: number) {
  const where = checkLocation(ctx, check.id);
  const gateFailing = where.risks.some((risk) => ctx.gateFailures.has(risk));
  const level = gateFailing ? 'error' : 'warning';
  const physicalLocation = {
    artifactLocation: { uri: ctx.registerFile.replace(/^\.\//, '') },
    region: { startLine: where.line, startColumn: where.column },
  };
  const risks = where.risks.length > 0 ? ` (risks: ${where.risks.join(', ')})` : '';
  const base = (resource: string, message: string, kind: 'fail' | 'error') => ({
    ruleId: check.id,
    ruleIndex,
    level,
    kind: 'fail',
    message: { text: `${message}${risks}` },
    locations: [
      {
        physicalLocation,
        logicalLocations: [
          { name: resource, fullyQualifiedName: `${ctx.result.project ?? 'project'}/${resource}`, kind: 'resource' },
        ],
      },
    ],
    partialFingerprints: { 'gtpResource/v1': fingerprint(check.id, resource, kind) },
    properties: { outcome: check.outcome },
  });
  if (check.outcome === 'error')
    return [base(check.id, `could not verify ${check.id}: ${check.error ?? 'error'}`, 'error')];
  if (check.outcome !== 'fail') return [];
  const failing = check.resources.filter((r) => r.verdict === 'fail');
  const shown = failing.slice(0, PER_CHECK).map((r) => base(r.name, `${check.title}: ${r.name}: ${r.detail}`, 'fail'));
  const rest = failing.length - shown.length;
  if (rest > 0)
    shown.push(
      base(
        `${check.id} (${rest} more)`,
        `${check.title}: ${rest} more resource(s) fail, not listed one by one here (GitHub keeps ${MAX_RESULTS} results a run); the JSON report names them all`,
        'fail',
      ),
    );
  return shown;
}
