import { child, items, plain, text, yamlOf } from '../yaml-file.js';

/** One `updates:` entry of dependabot.yml, with what narrows or switches off its version updates. */
export interface DependabotEntry {
  ecosystem: string;
  line: number;
  /** `directory`, or each of `directories` (globs allowed), as written (leading `/` for the repository root). */
  directories: string[];
  /** `exclude-paths`: manifests there are skipped. */
  excludePaths: string[];
  /** Why this entry opens no version update, where it opens none. */
  disabled?: string;
}

export interface DependabotFacts {
  file: string;
  entries: DependabotEntry[];
}

/**
 * .github/dependabot.yml (or .yaml), as Dependabot reads it (docs.github.com, "Dependabot options reference"):
 * `open-pull-requests-limit: 0` "provides a simple way to temporarily disable version updates for a package
 * manager", and an `ignore` of every dependency (`dependency-name: "*"` with no `versions` or `update-types`)
 * leaves nothing to update.
 */
export function dependabotOf(path: string, source: string): DependabotFacts {
  const file = yamlOf(path, source);
  const entries: DependabotEntry[] = [];
  for (const entry of items(file, child(file, file.doc.contents, 'updates'))) {
    const ecosystemNode = child(file, entry, 'package-ecosystem');
    const ecosystem = text(ecosystemNode);
    if (ecosystem === undefined) continue;
    const line = file.line(ecosystemNode);
    const strings = (key: string) => items(file, child(file, entry, key)).map((n) => text(n) ?? '');
    const directories = [...strings('directory'), ...strings('directories')];
    const limit = text(child(file, entry, 'open-pull-requests-limit'));
    const ignoresAll = items(file, child(file, entry, 'ignore')).some((rule) => {
      const r = plain(file, rule) as Record<string, unknown> | null;
      return r?.['dependency-name'] === '*' && r.versions === undefined && r['update-types'] === undefined;
    });
    const disabled =
      limit === '0'
        ? `${path}:${line}: open-pull-requests-limit: 0 (version updates off)`
        : ignoresAll
          ? `${path}:${line}: ignore: dependency-name "*" (every dependency ignored)`
          : undefined;
    entries.push({
      ecosystem,
      line,
      directories,
      excludePaths: strings('exclude-paths'),
      ...(disabled ? { disabled } : {}),
    });
  }
  return { file: path, entries };
}

/** Dependabot's directory forms: `/dir`, `dir`, and globs (`/apps/*`, `/**`), against a manifest's directory. */
export function directoryCovers(pattern: string, manifestDir: string): boolean {
  const p = pattern.replace(/^\/+|\/+$/g, '');
  const dir = manifestDir.replace(/^\/+|\/+$/g, '');
  if (!/[*?[]/.test(p)) return p === '' || dir === p || dir.startsWith(`${p}/`);
  const re = p
    .split('/')
    .map((s) =>
      s === '**'
        ? '.*'
        : s
            .replace(/[.+^${}()|\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]'),
    )
    .join('/');
  return new RegExp(`^${re}(/.*)?$`).test(dir);
}
