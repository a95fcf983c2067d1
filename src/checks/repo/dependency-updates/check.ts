import { defineCheck, type ResourceVerdict } from '../../types.js';
import { at, notARepository } from '../facts.js';

/** Dependabot names some ecosystems differently from the manifests gtp detects. */
const DEPENDABOT_NAME: Record<string, string> = {
  npm: 'npm',
  gomod: 'gomod',
  docker: 'docker',
  terraform: 'terraform',
  pip: 'pip',
  maven: 'maven',
  gradle: 'gradle',
  bundler: 'bundler',
  cargo: 'cargo',
  composer: 'composer',
};

export default defineCheck({
  id: 'repo.dependency-updates',
  title: 'Dependency updates are automated for every ecosystem the repository uses (Dependabot or Renovate)',
  collects: ['repo.facts'],
  permissions: [],
  remediation: {
    operational: 'the update configuration is a file in the repository (.github/dependabot.yml or renovate.json)',
    text: 'Add .github/dependabot.yml with an updates entry per package-ecosystem present (npm, gomod, docker, terraform, …), or a Renovate config.',
  },
  evaluate(data) {
    const skip = notARepository(data);
    if (skip) return { resources: skip };
    const facts = data.get('repo.facts');
    const present = Object.entries(facts.ecosystems);
    if (present.length === 0)
      return {
        resources: [{ name: 'dependencies', verdict: 'not-applicable', detail: 'no dependency manifest found' }],
      };
    if (facts.renovate)
      return {
        resources: [
          {
            name: 'renovate',
            verdict: 'pass',
            detail: `Renovate config at ${at(facts.renovate)} (covers every ecosystem it recognises)`,
          },
        ],
      };
    return {
      resources: present.map(([ecosystem, manifest]): ResourceVerdict => {
        const covered = facts.dependabot?.ecosystems[DEPENDABOT_NAME[ecosystem] ?? ecosystem];
        return covered
          ? { name: ecosystem, verdict: 'pass', detail: `${at(manifest)} updated by Dependabot (${at(covered)})` }
          : {
              name: ecosystem,
              verdict: 'fail',
              detail: `${at(manifest)}: no Dependabot updates entry for ${ecosystem}${facts.dependabot ? ` in ${facts.dependabot.file}` : ' (no .github/dependabot.yml)'}`,
            };
      }),
    };
  },
});
