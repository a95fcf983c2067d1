import { child, items, text, yamlOf } from './yaml-file.js';
import type { Place } from './ci/model.js';

export interface PreCommitHook extends Place {
  repo: string;
  id: string;
  /** The stages the hook is limited to (`stages:`); empty: the default, which `pre-commit run` runs. */
  stages: string[];
  /** `entry:` where the configuration overrides the hook's own; `args:` are added to it. */
  entry?: string;
  args: string[];
  /** `pass_filenames:` where the configuration sets it. */
  passFilenames?: boolean;
}

export interface PreCommitFacts {
  file: string;
  hooks: PreCommitHook[];
  /** The `ci:` section pre-commit.ci reads, and the hooks it is told to skip. */
  ci?: Place & { skip: string[] };
}

/** .pre-commit-config.yaml: its hooks, and pre-commit.ci's settings (pre-commit.ci, "configuration"). */
export function preCommitOf(path: string, source: string): PreCommitFacts {
  const file = yamlOf(path, source);
  const hooks: PreCommitHook[] = [];
  for (const repo of items(file, child(file, file.doc.contents, 'repos'))) {
    const url = text(child(file, repo, 'repo')) ?? '';
    for (const hook of items(file, child(file, repo, 'hooks')))
      hooks.push({
        file: path,
        line: file.line(hook),
        repo: url,
        id: text(child(file, hook, 'id')) ?? '',
        stages: items(file, child(file, hook, 'stages')).map((s) => text(s) ?? ''),
        ...(text(child(file, hook, 'entry')) !== undefined ? { entry: text(child(file, hook, 'entry'))! } : {}),
        args: items(file, child(file, hook, 'args')).map((a) => text(a) ?? ''),
        ...(text(child(file, hook, 'pass_filenames')) !== undefined
          ? { passFilenames: text(child(file, hook, 'pass_filenames')) === 'true' }
          : {}),
      });
  }
  const ci = child(file, file.doc.contents, 'ci');
  return {
    file: path,
    hooks,
    ...(ci !== undefined
      ? {
          ci: { file: path, line: file.line(ci), skip: items(file, child(file, ci, 'skip')).map((s) => text(s) ?? '') },
        }
      : {}),
  };
}
