import { defineCheck, type ResourceVerdict } from '../../types.js';
import type { Place } from '../../../repo/ci/model.js';
import { directoryCovers } from '../../../repo/updaters/dependabot.js';
import { RENOVATE_MANAGERS } from '../../../repo/updaters/renovate.js';
import type { RepoFacts } from '../../../repo/scan.js';
import { at, notARepository } from '../facts.js';

/** Dependabot's `package-ecosystem` names for the ecosystems gtp detects (docs.github.com, "Dependabot options"). */
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

/**
 * Trees of test data, samples and documentation: a manifest there is not a dependency of what ships, and teams
 * commonly keep updaters out of them (Dependabot's `exclude-paths` exists for it).
 */
const NOT_SHIPPED = /(^|\/)(test|tests|testdata|__tests__|fixtures?|__fixtures__|examples?|samples?|docs?)\//;

const dirOf = (p: Place) => (p.file.includes('/') ? p.file.slice(0, p.file.lastIndexOf('/')) : '');

/** Why Renovate does not update an ecosystem, or undefined where it does. */
function renovateGap(facts: RepoFacts, ecosystem: string): string | undefined {
  const renovate = facts.renovate!;
  if (renovate.disabled) return renovate.disabled;
  const managers = RENOVATE_MANAGERS[ecosystem] ?? [ecosystem];
  if (renovate.enabledManagers && !managers.some((m) => renovate.enabledManagers!.includes(m)))
    return `${renovate.file}: enabledManagers ${JSON.stringify(renovate.enabledManagers)} leaves out ${managers.join(', ')}`;
  if (managers.every((m) => renovate.disabledManagers.includes(m)))
    return `${renovate.file}: ${managers.join(', ')} disabled`;
  return undefined;
}

/** Why Dependabot does not update a manifest, or undefined where an entry does. */
function dependabotGap(facts: RepoFacts, ecosystem: string, manifest: Place): string | undefined {
  if (!facts.dependabot) return 'no .github/dependabot.yml';
  const name = DEPENDABOT_NAME[ecosystem] ?? ecosystem;
  const entries = facts.dependabot.entries.filter((e) => e.ecosystem === name);
  if (entries.length === 0) return `no ${name} entry in ${facts.dependabot.file}`;
  const covering = entries.filter(
    (e) =>
      e.directories.some((d) => directoryCovers(d, dirOf(manifest))) &&
      !e.excludePaths.some((p) => directoryCovers(p, manifest.file)),
  );
  if (covering.length === 0)
    return `no ${name} entry's directory covers ${dirOf(manifest) || '/'} (${entries.map((e) => `${facts.dependabot!.file}:${e.line}`).join(', ')})`;
  const live = covering.find((e) => !e.disabled);
  return live ? undefined : covering.map((e) => e.disabled).join('; ');
}

export default defineCheck({
  id: 'repo.dependency-updates',
  title: 'Dependency updates are automated for every ecosystem the repository ships (Dependabot or Renovate)',
  collects: ['repo.facts'],
  permissions: [],
  remediation: {
    operational: 'the update configuration is a file in the repository (.github/dependabot.yml or renovate.json)',
    text: 'Add .github/dependabot.yml with an updates entry per package-ecosystem and directory present (npm, gomod, docker, terraform, …), with a non-zero open-pull-requests-limit, or a Renovate config that leaves those managers enabled.',
  },
  evaluate(data) {
    const skip = notARepository(data);
    if (skip) return { resources: skip };
    const facts = data.get('repo.facts');
    const shipped = Object.entries(facts.manifests)
      .map(([ecosystem, places]) => [ecosystem, places.filter((p) => !NOT_SHIPPED.test(p.file))] as const)
      .filter(([, places]) => places.length > 0);
    if (shipped.length === 0)
      return {
        resources: [
          { name: 'dependencies', verdict: 'not-applicable', detail: 'no dependency manifest found outside test data' },
        ],
      };
    return {
      resources: shipped.map(([ecosystem, manifests]): ResourceVerdict => {
        if (facts.renovate) {
          const gap = renovateGap(facts, ecosystem);
          const presets =
            facts.renovate.presets.length > 0 ? `; presets ${facts.renovate.presets.join(', ')} not read` : '';
          if (!gap)
            return {
              name: ecosystem,
              verdict: 'pass',
              detail: `${manifests.length} manifest(s) updated by Renovate (${facts.renovate.file}${presets})`,
            };
          if (!facts.dependabot) return { name: ecosystem, verdict: 'fail', detail: gap };
        }
        const gaps = manifests.map((m) => [m, dependabotGap(facts, ecosystem, m)] as const).filter(([, g]) => g);
        if (gaps.length === 0)
          return {
            name: ecosystem,
            verdict: 'pass',
            detail: `${manifests.length > 1 ? `${manifests.length} manifests` : at(manifests[0]!)} updated by Dependabot (${facts.dependabot!.file})`,
          };
        return {
          name: ecosystem,
          verdict: 'fail',
          detail: gaps
            .slice(0, 5)
            .map(([m, g]) => `${at(m)}: ${g}`)
            .concat(gaps.length > 5 ? [`and ${gaps.length - 5} more`] : [])
            .join('; '),
        };
      }),
    };
  },
});
