import type { CheckData, ResourceVerdict } from '../types.js';
import type { Place, RepoFacts } from '../../repo/scan.js';

export type { RepoFacts };

export const at = (p: Place) => `${p.file}:${p.line}`;

/** Repository checks do not apply to a directory holding nothing they read (--repo points elsewhere). */
export function notARepository(data: CheckData): ResourceVerdict[] | undefined {
  const facts = data.get<RepoFacts>('repo.facts');
  return facts.isRepository ? undefined : [{ name: 'repository', verdict: 'not-applicable', detail: 'no manifest, CI configuration, Terraform or hook configuration here: pass --repo DIR' }];
}

/** Steps of the repository's CI that mention one of the tools. */
export function stepsUsing(facts: RepoFacts, tools: RegExp): RepoFacts['ciSteps'] {
  return facts.ciSteps.filter((s) => tools.test(s.text));
}
