import { defineCheck } from '../../types.js';
import { at, notARepository, stepsUsing, type ToolUse } from '../facts.js';

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

export default defineCheck({
  id: 'repo.secret-scanning',
  title: 'Commits are scanned for secrets (a pre-commit hook or a CI step runs gitleaks, detect-secrets or trufflehog)',
  collects: ['repo.facts'],
  permissions: [],
  remediation: {
    operational: "secret scanning runs in the repository's CI workflows or hooks",
    text: 'Add gitleaks (or detect-secrets, trufflehog) to .pre-commit-config.yaml and run it in CI, so a secret is caught before it is pushed and again before it merges.',
  },
  evaluate(data) {
    const skip = notARepository(data);
    if (skip) return { resources: skip };
    const facts = data.get('repo.facts');
    const hooks = facts.preCommitHooks.filter((h) => SCANNERS.test(h.repo) || SCANNERS.test(h.id));
    const steps = stepsUsing(facts, SCANNING);
    const found = [
      ...hooks.map((h) => ({ name: `pre-commit ${h.id}`, detail: `${at(h)}: hook ${h.id} from ${h.repo}` })),
      ...steps.map((s) => ({ name: `CI ${s.file}`, detail: `${at(s)}: ${s.text.split('\n')[0]}` })),
    ];
    if (found.length > 0) return { resources: found.map((f) => ({ ...f, verdict: 'pass' as const })) };
    return {
      resources: [
        {
          name: 'secret scanning',
          verdict: 'fail',
          detail: `no gitleaks, detect-secrets or trufflehog in .pre-commit-config.yaml or in ${facts.ciSteps.length} CI step(s)`,
        },
      ],
    };
  },
});
