import type { PreCommitHook } from './pre-commit.js';

/**
 * The published pre-commit hooks of the secret scanners, as their repositories define them in
 * `.pre-commit-hooks.yaml` (the entry a hook runs unless the configuration overrides it):
 * - gitleaks/gitleaks at b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b: `gitleaks`, `gitleaks-docker` and
 *   `gitleaks-system` run `gitleaks git --pre-commit --redact --staged --verbose`, with `pass_filenames: false`;
 * - trufflesecurity/trufflehog at 3ab759fef4bb5935d4fe9ac68b503d05346b8364: `trufflehog` runs
 *   `trufflehog git file://. --since-commit HEAD --results=verified --fail --trust-local-git-config`, with
 *   `pass_filenames: false`;
 * - Yelp/detect-secrets: `detect-secrets` runs `detect-secrets-hook` on the files pre-commit passes it.
 */
const PUBLISHED: { repo: RegExp; ids: string[]; entry: string; passFilenames: boolean }[] = [
  {
    repo: /github\.com\/(gitleaks|zricethezav)\/gitleaks/i,
    ids: ['gitleaks', 'gitleaks-docker', 'gitleaks-system'],
    entry: 'gitleaks git --pre-commit --redact --staged --verbose',
    passFilenames: false,
  },
  {
    repo: /github\.com\/trufflesecurity\/trufflehog/i,
    ids: ['trufflehog'],
    entry: 'trufflehog git file://. --since-commit HEAD --results=verified --fail --trust-local-git-config',
    passFilenames: false,
  },
  {
    repo: /github\.com\/Yelp\/detect-secrets/i,
    ids: ['detect-secrets'],
    entry: 'detect-secrets-hook',
    passFilenames: true,
  },
];

/**
 * What a hook scans when CI runs it: the staged change only (nothing is staged in CI, so it scans nothing), the
 * files pre-commit passes it, or the repository (an entry that scans without either). Undefined where gtp does not
 * know the hook's entry.
 */
export function hookScope(
  hook: PreCommitHook,
): { scope: 'staged' | 'files' | 'repository'; entry: string } | undefined {
  const published = PUBLISHED.find((p) => p.repo.test(hook.repo) && p.ids.includes(hook.id));
  const entry = [hook.entry ?? published?.entry, ...hook.args].filter(Boolean).join(' ');
  if (!hook.entry && !published) return undefined;
  // gitleaks `protect` and `--staged`/`--pre-commit`, trufflehog `--since-commit HEAD`: the uncommitted change.
  if (/(^|\s)(--staged|--pre-commit|protect)(\s|$)|--since-commit[= ]HEAD(\s|$)/.test(entry))
    return { scope: 'staged', entry };
  const passFilenames = hook.passFilenames ?? published?.passFilenames ?? true;
  return { scope: passFilenames ? 'files' : 'repository', entry };
}
