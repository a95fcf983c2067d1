import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktn/hcl2json';
import { beforeAll, describe, expect, it } from 'vitest';
import { gtp } from '../helpers/cli.js';
import { WORLDS } from '../helpers/paths.js';
import { needs, XMLLINT } from '../helpers/system-tools.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * A name an API could return (or a lying proxy, or a forged snapshot): a terminal title and screen clear, a CR that
 * rewrites the line, a GitHub workflow command on a line of its own, table and HTML breakers, and HCL templates.
 */
const HOSTILE =
  'evil`\u001b]0;owned\u0007\u001b[2J\r\n::warning::injected\n| x | <img src=x onerror=alert(1)> <!-- ${uuid()} %{ if true }x%{ endif } **bold** [link](javascript:alert(1)) \u202eevil';

/** The hardened world with one Cloud SQL primary renamed to HOSTILE and left unprotected, and an old HIGH finding whose category is HOSTILE. */
function hostileWorld(dir: string): string {
  const world = JSON.parse(
    readFileSync(join(WORLDS, 'hardened.json'), 'utf8').replaceAll('"billing-mysql"', JSON.stringify(HOSTILE)),
  ) as Record<string, unknown>;
  const instances = world['sqladmin.googleapis.com/v1/projects/acme-prod/instances'] as {
    name: string;
    settings: { deletionProtectionEnabled?: boolean };
  }[];
  instances.find((i) => i.name === HOSTILE)!.settings.deletionProtectionEnabled = false;
  const findings = world['securitycenter.googleapis.com/v2/projects/acme-prod/sources/-/findings'] as {
    finding: { category: string; createTime: string; severity: string };
  }[];
  Object.assign(findings.find((f) => f.finding.severity === 'HIGH')!.finding, {
    category: HOSTILE,
    createTime: '2026-11-01T08:00:00Z',
  });
  const file = join(dir, 'hostile.json');
  writeFileSync(file, JSON.stringify(world));
  return file;
}

/** Controls other than the line feeds the format itself writes. */
// eslint-disable-next-line no-control-regex -- the controls are what is looked for
const ACTING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Markdown with its code spans taken out: inside one, CommonMark renders `<img …>` and `[a](b)` as text. */
const outsideCode = (text: string) => text.replace(/(`+)(?!`)([^\n]*?[^`\n])\1(?!`)/g, '');

function expectSafeMarkdown(text: string, where: string): void {
  expect(text, where).not.toMatch(ACTING);
  const prose = outsideCode(text);
  expect(prose, where).not.toContain('<img');
  expect(prose, where).not.toContain('<!--');
  expect(prose, where).not.toContain('[link](javascript');
  expect(prose, where).not.toContain('**bold**');
  for (const line of text.split('\n'))
    if (line.startsWith('::')) expect(line, where).toMatch(/^::(error|warning) file=[^:]*::/);
  // Every row of a table has as many cells as the table's header.
  let header: number | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    const cells = line.split(/(?<!\\)\|/).length;
    header ??= cells;
    expect(cells, `${where}: ${line}`).toBe(header);
  }
}

let dir: string;
let snapshot: string;
const NO_REPO = scratchDir('gtp-hostile-no-repo-');
beforeAll(() => {
  dir = scratchDir('gtp-hostile-');
  snapshot = hostileWorld(dir);
});

/**
 * `gtp audit` of a snapshot into an output directory. The world is the hostile input; the repository is an empty
 * one, so that nothing of gtp's own tree counts.
 */
function auditSnapshot(
  world: string,
  formats: string,
  out: string,
  extra: string[] = [],
  env: Record<string, string> = {},
) {
  return gtp(['audit', '--snapshot', world, '--repo', NO_REPO, '--formats', formats, '--output-dir', out, ...extra], {
    env,
  });
}

describe('a hostile world reaches no output as anything but text', () => {
  it('every report format, the job summary, the annotations and the Terraform', async () => {
    const out = join(dir, 'reports');
    const tf = join(dir, 'tf');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const { code, stdout, stderr } = await auditSnapshot(
      snapshot,
      'md,json,html,junit,sarif',
      out,
      ['--terraform', tf],
      {
        GITHUB_ACTIONS: 'true',
        GITHUB_STEP_SUMMARY: summary,
      },
    );
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(ACTING);
    expectSafeMarkdown(stdout, 'stdout');
    expectSafeMarkdown(readFileSync(summary, 'utf8'), 'job summary');
    const md = readFileSync(join(out, 'audit.md'), 'utf8');
    expectSafeMarkdown(md, 'audit.md');
    // The name is still there for a reader, its controls spelt out.
    expect(md).toContain('\\u001b]0;owned\\u0007');

    const html = readFileSync(join(out, 'audit.html'), 'utf8');
    expect(html).not.toMatch(ACTING);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<!-- ${uuid()}');
    const report = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as {
      checks: { id: string; outcome: string; resources: { name: string }[] }[];
    };
    expect(report.checks.find((c) => c.id === 'sql.deletion-protection')!.resources.map((r) => r.name)).toContain(
      HOSTILE,
    );
    expect(report.checks.find((c) => c.id === 'scc.vulnerability-findings')!.outcome).toBe('fail');
    JSON.parse(readFileSync(join(out, 'audit.sarif'), 'utf8'));

    // The Terraform names the instance exactly, as data: HashiCorp's parser reads it back with every template doubled.
    const files = readdirSync(tf);
    expect(files).toContain('sql.deletion-protection.tf');
    for (const file of files) {
      const text = readFileSync(join(tf, file), 'utf8');
      // Comments are never evaluated; everywhere else a template from the data must be doubled.
      const code = text
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('#'))
        .join('\n');
      expect(code, file).not.toMatch(/(^|[^$])\$\{uuid|(^|[^%])%\{ if/);
      expect(text, file).not.toMatch(ACTING);
      await parse(file, text);
    }
    const json = JSON.stringify(await parse('sql.tf', readFileSync(join(tf, 'sql.deletion-protection.tf'), 'utf8')));
    expect(json).toContain(
      JSON.stringify(HOSTILE.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')).slice(1, -1),
    );
  });

  describe('the JUnit XML of the same audit', () => {
    needs(XMLLINT);
    it('is well-formed XML to libxml2', async () => {
      const out = join(dir, 'junit-only');
      const { code, stderr } = await auditSnapshot(snapshot, 'junit', out);
      expect(code, stderr).toBe(0);
      const junit = spawnSync('xmllint', ['--noout', join(out, 'audit.junit.xml')], { encoding: 'utf8' });
      expect(junit.status, junit.stderr).toBe(0);
    });
  });
});

describe('a project larger than GitHub keeps', () => {
  it('SARIF lists 100 failing resources a check and counts the rest, within code scanning limits', async () => {
    const world = JSON.parse(readFileSync(join(WORLDS, 'reference-stack.json'), 'utf8')) as Record<string, unknown>;
    const key = 'sqladmin.googleapis.com/v1/projects/acme-prod/instances';
    const first = (world[key] as object[])[0]!;
    world[key] = [
      ...(world[key] as object[]),
      ...Array.from({ length: 3000 }, (_, i) => ({ ...first, name: `db-${i}` })),
    ];
    const snapshot = join(dir, 'big.json');
    writeFileSync(snapshot, JSON.stringify(world));
    const out = join(dir, 'big');
    const { code, stderr } = await auditSnapshot(snapshot, 'json,sarif', out);
    expect([0, 1], stderr).toContain(code);
    const sarif = JSON.parse(readFileSync(join(out, 'audit.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; message: { text: string } }[] }[];
    };
    const results = sarif.runs[0]!.results;
    expect(results.length).toBeLessThanOrEqual(5000);
    const deletion = results.filter((r) => r.ruleId === 'sql.deletion-protection');
    expect(deletion).toHaveLength(101);
    const report = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as {
      checks: { id: string; resources: { verdict: string }[] }[];
    };
    const failing = report.checks
      .find((c) => c.id === 'sql.deletion-protection')!
      .resources.filter((r) => r.verdict === 'fail').length;
    expect(failing).toBeGreaterThan(3000);
    expect(deletion.at(-1)!.message.text).toContain(`${failing - 100} more resource(s) fail`);
  });
});
