import { defineCheck } from '../../types.js';
import { MalformedEvidence, settle, type MaybeUnknown } from '../../evidence.js';
import type { CiStep, Trigger } from '../../../repo/ci/model.js';
import type { Command } from '../../../repo/shell-commands.js';
import { at, judge, notARepository, verdictOf, type Judged, type RepoFacts } from '../facts.js';

/** Static analysis counts where it runs on pull requests into the default branch: before the merge, where it can stop it. */
const ON_PULL_REQUESTS: readonly Trigger[] = ['pull-request'];

/**
 * CodeQL's languages (their identifiers in the action's `languages` input), each with SQL-injection queries
 * (CWE-089) in its default suite; the older names are aliases of the combined ones.
 */
const CODEQL_ALIASES: Record<string, string> = {
  javascript: 'javascript-typescript',
  typescript: 'javascript-typescript',
  java: 'java-kotlin',
  kotlin: 'java-kotlin',
  c: 'c-cpp',
  cpp: 'c-cpp',
};
/** Suites that hold the default queries and more (CodeQL query suites: security-extended, security-and-quality). */
const SUITES_WITH_DEFAULT = new Set(['security-extended', 'security-and-quality']);
/** Semgrep registry rulesets that hold SQL-injection rules. */
const SEMGREP_SQL_RULESETS = new Set(['p/sql-injection', 'p/owasp-top-ten']);
/** The languages gtp counts a Semgrep SQL-injection ruleset for: those its registry writes such rules in. */
const SEMGREP_LANGUAGES = ['csharp', 'go', 'java-kotlin', 'javascript-typescript', 'python', 'ruby'];

/** A step that analyses code, what it covers, and why it does not count where it cannot. */
interface Analysis {
  step: CiStep;
  tool: string;
  covers: readonly string[] | 'all';
  /** It runs but cannot stop a merge, or misses the rules: a sure reason. */
  notCounted?: string;
  /** What it covers or whether it fails is not in the repository: unverified. */
  unknown?: string;
}

const first = (step: CiStep) => `${at(step)} (${step.text.split('\n')[0]})`;

/** The value of a command's option (`--config X`, `--config=X`, `-c X`), every time it is given. */
function optionValues(args: string[], names: string[]): string[] {
  const values: string[] = [];
  args.forEach((arg, i) => {
    for (const name of names) {
      if (arg === name && args[i + 1] !== undefined) values.push(args[i + 1]!);
      else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
    }
  });
  return values;
}

/**
 * CodeQL in GitHub Actions: the analyze step uploads its results, and the pull request's code scanning check fails
 * "By default, only alerts with the severity level of Error or security severity level of Critical or High"; the
 * languages are the init step's (`languages`, a matrix of them, or detected when not given).
 */
function codeql(facts: RepoFacts): Analysis[] {
  const inits = facts.ciSteps.filter((s) => s.uses === 'github/codeql-action/init');
  return facts.ciSteps
    .filter((s) => s.uses === 'github/codeql-action/analyze')
    .map((step): Analysis => {
      const analysis = { step, tool: 'CodeQL' };
      const upload = step.with?.upload;
      if (upload !== undefined && ['false', 'never', 'failure-only'].includes(upload))
        return {
          ...analysis,
          covers: 'all',
          notCounted: `${first(step)} has upload: ${upload}: no result reaches the pull request's code scanning check`,
        };
      const init = inits.filter((i) => i.file === step.file && i.line < step.line).at(-1);
      if (!init)
        return {
          ...analysis,
          covers: 'all',
          unknown: `${first(step)} has no codeql-action/init step before it in ${step.file}`,
        };
      const config = init.with?.['config-file'] ?? init.with?.config;
      if (config !== undefined)
        return {
          ...analysis,
          covers: 'all',
          unknown: `${first(init)} takes its queries from ${init.with?.['config-file'] ? `config-file ${config}` : 'config'}, which may disable the default queries`,
        };
      const queries = init.with?.queries?.trim();
      if (queries && !queries.startsWith('+') && !queries.split(',').every((q) => SUITES_WITH_DEFAULT.has(q.trim())))
        return {
          ...analysis,
          covers: 'all',
          unknown: `${first(init)} has queries: ${queries}, which replaces the default suite`,
        };
      const languages = init.with?.languages?.trim();
      // Not given: the action analyses the languages it detects in the repository.
      if (!languages) return { ...analysis, covers: 'all' };
      const fromMatrix = /^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$/.exec(languages)?.[1];
      const values = fromMatrix
        ? init.matrix === 'unknown' || init.matrix?.[fromMatrix] === undefined
          ? 'unknown'
          : init.matrix[fromMatrix]
        : languages.includes('${{')
          ? 'unknown'
          : languages.split(/[\s,]+/).filter(Boolean);
      if (values === 'unknown')
        return {
          ...analysis,
          covers: 'all',
          unknown: `${first(init)}: languages ${languages} is not a list gtp can read`,
        };
      return { ...analysis, covers: values.map((v) => CODEQL_ALIASES[v.toLowerCase()] ?? v.toLowerCase()) };
    });
}

/**
 * Semgrep: `semgrep ci` fails on blocking findings (in a stand-alone setup, every finding), with rules from the
 * Semgrep AppSec Platform's policies unless a `--config` names them; `semgrep scan` (or plain `semgrep`) exits 0
 * on findings unless given `--error`.
 */
function semgrep(facts: RepoFacts): Analysis[] {
  const out: Analysis[] = [];
  for (const step of facts.ciSteps)
    for (const command of step.commands.filter((c) => c.program === 'semgrep')) {
      const sub = command.args[0];
      const analysis = { step, tool: 'Semgrep', covers: SEMGREP_LANGUAGES };
      const configs = optionValues(command.args, ['--config', '-c', '-f']);
      const where = `${first(step)}: semgrep ${command.args.join(' ')}`;
      if (sub !== 'ci' && !command.args.includes('--error')) {
        out.push({ ...analysis, notCounted: `${where} exits 0 on findings without --error: it cannot fail the build` });
        continue;
      }
      if (configs.length === 0) {
        out.push({
          ...analysis,
          unknown: `${where} names no --config: its rules are the Semgrep AppSec Platform's policies (or a default), which the repository does not hold`,
        });
        continue;
      }
      if (!configs.some((c) => SEMGREP_SQL_RULESETS.has(c))) {
        out.push({
          ...analysis,
          unknown: `${where}: gtp does not know whether ${configs.join(', ')} holds SQL-injection rules (${[...SEMGREP_SQL_RULESETS].join(' or ')} does)`,
        });
        continue;
      }
      out.push(analysis);
    }
  return out;
}

/** A command-line analyser for one language, with the rules that find SQL built from strings. */
function singleLanguage(
  facts: RepoFacts,
  program: string,
  tool: string,
  language: string,
  rules: string[],
  judgeArgs: (command: Command, where: string) => Pick<Analysis, 'notCounted' | 'unknown'>,
): Analysis[] {
  const out: Analysis[] = [];
  for (const step of facts.ciSteps)
    for (const command of step.commands.filter((c) => c.program === program)) {
      const where = `${first(step)}: ${program} ${command.args.join(' ')}`;
      const said = judgeArgs(command, where);
      out.push({ step, tool: `${tool} (${rules.join(', ')})`, covers: [language], ...said });
    }
  return out;
}

/** gosec: G201 and G202 find SQL built by formatting or concatenation; it exits non-zero on findings unless -no-fail. */
const gosec = (facts: RepoFacts) =>
  singleLanguage(facts, 'gosec', 'gosec', 'go', ['G201', 'G202'], (command, where) => {
    const args = command.args;
    if (args.some((a) => /^--?no-fail(=true)?$/.test(a)))
      return { notCounted: `${where}: -no-fail: it cannot fail the build` };
    const include = optionValues(args, ['-include', '--include']).join(',');
    const exclude = optionValues(args, ['-exclude', '--exclude']).join(',');
    if ((include && !/G20[12]/.test(include)) || /G201/.test(exclude) || /G202/.test(exclude))
      return { notCounted: `${where} leaves out the SQL rules G201/G202` };
    return {};
  });

/** Bandit: B608 (hardcoded_sql_expressions) finds SQL built from strings; it exits 1 on findings unless --exit-zero. */
const bandit = (facts: RepoFacts) =>
  singleLanguage(facts, 'bandit', 'Bandit', 'python', ['B608'], (command, where) => {
    const args = command.args;
    if (args.includes('--exit-zero')) return { notCounted: `${where}: --exit-zero: it cannot fail the build` };
    const tests = optionValues(args, ['-t', '--tests']).join(',');
    const skips = optionValues(args, ['-s', '--skip']).join(',');
    if ((tests && !tests.includes('B608')) || skips.includes('B608'))
      return { notCounted: `${where} leaves out the SQL rule B608` };
    return {};
  });

/** The analyses that would cover `language`, judged as the CI model says they run. */
function judgedFor(facts: RepoFacts, language: string, analyses: Analysis[]): Judged {
  const covering = analyses.filter((a) => a.covers === 'all' || a.covers.includes(language));
  const plain = covering.filter((a) => !a.notCounted && !a.unknown);
  const judged = judge(facts, [...new Set(plain.map((a) => a.step))], ON_PULL_REQUESTS);
  for (const a of covering) {
    if (a.notCounted) judged.notCounted.push({ step: a.step, why: a.notCounted });
    // Unknown only where it would otherwise count: run on pull requests, able to fail.
    else if (a.unknown) {
      const runs = judge(facts, [a.step], ON_PULL_REQUESTS);
      if (runs.counted.length > 0) judged.unknown.push({ place: a.step, why: a.unknown });
      else judged.notCounted.push(...runs.notCounted);
    }
  }
  return judged;
}

export default defineCheck({
  id: 'repo.sql-injection-analysis',
  title:
    'Every pull request into the default branch is analysed for SQL injection by a tool that can fail it (CodeQL, Semgrep, gosec, Bandit)',
  collects: ['repo.facts'],
  permissions: [],
  remediation: {
    operational: "static analysis runs in the repository's CI workflows",
    text: 'Run CodeQL (github/codeql-action init and analyze, for every language of the repository) on pull requests into the default branch, or semgrep ci --config p/sql-injection, gosec or bandit in a job that can fail, without continue-on-error.',
  },
  evaluate(data) {
    const skip = notARepository(data);
    if (skip) return { resources: skip };
    const facts = data.get('repo.facts');
    const languages = Object.entries(facts.sourceLanguages);
    if (languages.length === 0)
      return {
        resources: [
          {
            name: 'source code',
            verdict: 'not-applicable',
            detail:
              'no source file in a language that SQL-injection analysis reads (C/C++, C#, Go, Java/Kotlin, JavaScript/TypeScript, Python, Ruby, Swift)',
          },
        ],
      };
    const analyses = [...codeql(facts), ...semgrep(facts), ...gosec(facts), ...bandit(facts)];
    // CodeQL's default setup is switched on in a GitHub repository's settings, not in its files: with no analysis
    // in the files, only a repository on GitLab (its pipeline, and no GitHub workflow or Dependabot) surely has none.
    // Cloud Build says nothing of where the repository lives: it builds GitHub repositories too.
    const onGitLab =
      facts.ciSteps.some((s) => s.system === 'gitlab-ci') &&
      facts.ciSteps.every((s) => s.system !== 'github-actions') &&
      !facts.dependabot;
    if (analyses.length === 0 && facts.opaque.length === 0) {
      const missing = `no CodeQL, Semgrep, gosec or Bandit step in CI (${facts.ciSteps.length} step(s) read)`;
      if (!onGitLab)
        throw new MalformedEvidence(
          `${missing}; CodeQL's default setup is configured in the repository's settings, not its files, and gtp cannot read it: where it is on, attest the risk`,
        );
      return {
        resources: languages.map(([language, seen]) => ({
          name: language,
          verdict: 'fail' as const,
          detail: `${seen.files} file(s) (${seen.first}, …): ${missing} of this GitLab repository`,
        })),
      };
    }
    const resources: MaybeUnknown[] = languages.map(([language, seen]) => {
      const judged = judgedFor(facts, language, analyses);
      const verdict = verdictOf(
        language,
        judged,
        `${seen.files} file(s) (${seen.first}, …): no analysis with SQL-injection rules covers ${language} on pull requests`,
      );
      if (verdict.verdict !== 'pass') return verdict;
      const tool = analyses.find((a) => a.step === judged.counted[0])?.tool;
      const gate =
        tool === 'CodeQL'
          ? "; the pull request's code scanning check fails on Critical or High alerts by default (the threshold is in the repository's settings)"
          : '';
      return { ...verdict, detail: `${tool}: ${verdict.detail}${gate}` };
    });
    return { resources: settle(resources) };
  },
});
