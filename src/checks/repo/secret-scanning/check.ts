import { defineCheck, type ResourceVerdict } from '../../types.js';
import type { Trigger } from '../../../repo/ci/model.js';
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
/** A scan counts where it runs on changes: pushes to the default branch, or pull requests into it. */
const ON_CHANGES: readonly Trigger[] = ['push', 'pull-request'];
/** The stages `pre-commit run` runs without --hook-stage (pre-commit.com: "pre-commit" was called "commit"). */
const DEFAULT_STAGES = ['pre-commit', 'commit'];

export default defineCheck({
  id: 'repo.secret-scanning',
  title:
    'Changes are scanned for secrets in CI (gitleaks, detect-secrets or trufflehog, run by a step or by pre-commit in CI)',
  collects: ['repo.facts'],
  permissions: [],
  remediation: {
    operational: "secret scanning runs in the repository's CI workflows or hooks",
    text: 'Run gitleaks (or detect-secrets, trufflehog) in a CI job on every pull request and push to the default branch, without continue-on-error; a pre-commit hook alone runs only where a developer installed it.',
  },
  evaluate(data) {
    const skip = notARepository(data);
    if (skip) return { resources: skip };
    const facts = data.get('repo.facts');
    const resources: (ResourceVerdict & { unknown?: true })[] = [];

    const steps = judge(facts, stepsUsing(facts, SCANNING), ON_CHANGES);
    const hooks = (facts.preCommit?.hooks ?? []).filter((h) => SCANNERS.test(h.repo) || SCANNERS.test(h.id));
    const ciRunsPreCommit = judge(facts, stepsUsing(facts, PRE_COMMIT), ON_CHANGES);
    const preCommitCi = facts.preCommit?.ci;
    for (const hook of hooks) {
      const name = `pre-commit ${hook.id}`;
      const defaultStage = hook.stages.length === 0 || hook.stages.some((s) => DEFAULT_STAGES.includes(s));
      if (preCommitCi && !preCommitCi.skip.includes(hook.id) && defaultStage)
        resources.push({
          name,
          verdict: 'pass',
          detail: `${at(hook)}: hook ${hook.id}, run on pull requests by pre-commit.ci (${at(preCommitCi)})`,
        });
      else if (defaultStage && (ciRunsPreCommit.counted.length > 0 || ciRunsPreCommit.unknown.length > 0)) {
        const verdict = verdictOf(name, ciRunsPreCommit, 'no CI step runs pre-commit');
        resources.push(
          verdict.verdict === 'pass'
            ? { ...verdict, detail: `${at(hook)}: hook ${hook.id}, run by ${verdict.detail}` }
            : verdict,
        );
      } else
        resources.push({
          name,
          verdict: 'fail',
          detail: `${at(hook)}: hook ${hook.id} runs only on machines that installed pre-commit${
            defaultStage
              ? ': no CI step runs pre-commit on changes, and no pre-commit.ci configuration'
              : ` (stages: ${hook.stages.join(', ')})`
          }`,
        });
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
