import { defineCheck, type ResourceVerdict } from '../../types.js';
import type { CiStep, Trigger } from '../../../repo/ci/model.js';
import { hookScope } from '../../../repo/secret-hooks.js';
import { anyOf, at, judge, notARepository, stepsUsing, verdictOf, type ToolUse } from '../facts.js';

const SCANNERS = /gitleaks|detect-secrets|trufflehog/i;
/** The scanners as CI runs them: their official actions, or their programs (or builder images) as the command. */
const SCANNING: ToolUse = {
  actions: ['gitleaks/gitleaks-action', 'trufflesecurity/trufflehog'],
  commands: [
    { program: 'gitleaks' },
    { program: 'trufflehog' },
    { program: 'detect-secrets' },
    { program: 'detect-secrets-hook' },
  ],
};
/** CI running pre-commit's hooks: `pre-commit run`, or its action. */
const PRE_COMMIT: ToolUse = {
  actions: ['pre-commit/action'],
  commands: [{ program: 'pre-commit', subcommand: 'run' }],
};
/**
 * Whether a CI step that runs pre-commit hands the hooks the repository's files: `pre-commit run` alone runs on the
 * staged files, which in CI are none; `--all-files`, `--files` or `--from-ref`/`--to-ref` give them files.
 * pre-commit/action passes `--all-files` unless its `extra_args` say otherwise.
 */
function passesFiles(step: CiStep): boolean {
  const args =
    step.uses === 'pre-commit/action'
      ? (step.with?.extra_args ?? '--all-files').split(/\s+/)
      : (step.commands.find((c) => c.program === 'pre-commit' && c.args[0] === 'run')?.args ?? []);
  return args.some((a) => /^(--all-files|-a|--files|--from-ref|-s|--source)(=|$)/.test(a));
}

/** A scan counts where it runs on changes: pushes to the default branch, or pull requests into it. */
const ON_CHANGES: readonly Trigger[] = ['push', 'pull-request'];
/** The stages `pre-commit run` runs without --hook-stage (pre-commit.com: "pre-commit" was called "commit"). */
const DEFAULT_STAGES = ['pre-commit', 'commit'];

export default defineCheck({
  id: 'repo.secret-scanning',
  title:
    'Changes are scanned for secrets in CI (gitleaks, detect-secrets or trufflehog, run by a step or by pre-commit in CI)',
  collects: ['repo.facts', 'cloudbuild.triggers'],
  permissions: ['cloudbuild.builds.list'],
  remediation: {
    operational: "secret scanning runs in the repository's CI workflows or hooks",
    text: 'Run gitleaks (or detect-secrets, trufflehog) in a CI job on every pull request and push to the default branch, without continue-on-error; a pre-commit hook alone runs only where a developer installed it.',
  },
  evaluate(data) {
    const skip = notARepository(data);
    if (skip) return { resources: skip };
    const facts = data.get('repo.facts');
    const buildTriggers = data.get('cloudbuild.triggers');
    const resources: (ResourceVerdict & { unknown?: true })[] = [];

    const steps = judge(facts, stepsUsing(facts, SCANNING), ON_CHANGES, buildTriggers);
    const hooks = (facts.preCommit?.hooks ?? []).filter((h) => SCANNERS.test(h.repo) || SCANNERS.test(h.id));
    const ciRunsPreCommit = judge(facts, stepsUsing(facts, PRE_COMMIT), ON_CHANGES, buildTriggers);
    const preCommitCi = facts.preCommit?.ci;
    for (const hook of hooks) {
      const name = `pre-commit ${hook.id}`;
      const where = `${at(hook)}: hook ${hook.id}`;
      const fail = (why: string) => resources.push({ name, verdict: 'fail', detail: `${where} ${why}` });
      if (hook.stages.length > 0 && !hook.stages.some((s) => DEFAULT_STAGES.includes(s))) {
        fail(`runs only in stages ${hook.stages.join(', ')}, which pre-commit run does not run`);
        continue;
      }
      const scope = hookScope(hook);
      if (scope?.scope === 'staged') {
        fail(
          `runs \`${scope.entry}\`, which scans only the staged change: in CI nothing is staged, so it scans nothing`,
        );
        continue;
      }
      // A hook given files scans them only where CI hands it the repository's files (--all-files, --from-ref, …).
      const needsFiles = scope?.scope !== 'repository';
      const inCi = needsFiles
        ? { ...ciRunsPreCommit, counted: ciRunsPreCommit.counted.filter(passesFiles) }
        : ciRunsPreCommit;
      if (preCommitCi && !preCommitCi.skip.includes(hook.id) && scope) {
        resources.push({
          name,
          verdict: 'pass',
          detail: `${where}, run on every file of each pull request by pre-commit.ci (${at(preCommitCi)})`,
        });
        continue;
      }
      if (inCi.counted.length > 0 && !scope) {
        resources.push({
          name,
          verdict: 'fail',
          unknown: true,
          detail: `unverified: ${where} is run by CI (${at(inCi.counted[0]!)}), but its entry is not in the configuration and gtp does not know what it scans`,
        });
        continue;
      }
      if (inCi.counted.length > 0 || inCi.unknown.length > 0) {
        const verdict = verdictOf(name, inCi, 'no CI step runs pre-commit');
        resources.push(
          verdict.verdict === 'pass' ? { ...verdict, detail: `${where}, run by ${verdict.detail}` } : verdict,
        );
        continue;
      }
      const givenNoFiles = ciRunsPreCommit.counted.filter((s) => !passesFiles(s));
      fail(
        givenNoFiles.length > 0
          ? `is given the staged files only by ${at(givenNoFiles[0]!)} (no --all-files or --from-ref): in CI that is none`
          : 'runs only on machines that installed pre-commit: no CI step runs pre-commit on changes, and no pre-commit.ci configuration',
      );
    }
    if (steps.counted.length > 0 || steps.unknown.length > 0 || steps.notCounted.length > 0)
      resources.push(
        verdictOf('CI secret scan', steps, 'no CI step scans for secrets when changes are made', SCANNING),
      );
    if (resources.length === 0)
      resources.push({
        name: 'secret scanning',
        verdict: 'fail',
        detail: `no gitleaks, detect-secrets or trufflehog in CI (${facts.ciSteps.length} CI step(s) read) or in .pre-commit-config.yaml`,
      });
    return { resources: anyOf(resources) };
  },
});
