import JSON5 from 'json5';
import { InputError } from '../../util/errors.js';

/**
 * Where Renovate looks for a repository's config, in its order (docs.renovatebot.com, "Configuration options"):
 * the first one found is the config.
 */
export const RENOVATE_FILES = [
  'renovate.json',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
  'package.json',
] as const;

export interface RenovateFacts {
  file: string;
  /** Why Renovate updates nothing here (`enabled: false`, or a package rule that disables every package). */
  disabled?: string;
  /** `enabledManagers`: only these managers run; undefined, every manager. */
  enabledManagers?: string[];
  /** Managers switched off by name (`"npm": { "enabled": false }`, or a package rule matching only managers). */
  disabledManagers: string[];
  /** Presets the config extends: gtp does not fetch them, and the evidence says so. */
  presets: string[];
}

/** Renovate's managers for the ecosystems gtp detects (docs.renovatebot.com, "Managers"). */
export const RENOVATE_MANAGERS: Record<string, string[]> = {
  npm: ['npm'],
  gomod: ['gomod'],
  docker: ['dockerfile', 'docker-compose'],
  terraform: ['terraform'],
  pip: ['pip_requirements', 'pip_setup', 'pipenv', 'pep621', 'poetry', 'pip-compile'],
  maven: ['maven'],
  gradle: ['gradle'],
  bundler: ['bundler'],
  cargo: ['cargo'],
  composer: ['composer'],
};

const MATCH_ALL = new Set(['*', '/.*/', '.*', '/.+/']);

/** A Renovate config file's text, or undefined where a package.json holds no `renovate` key. */
export function renovateOf(path: string, source: string): RenovateFacts | undefined {
  let config: Record<string, unknown>;
  try {
    const parsed = JSON5.parse(source) as unknown;
    if (path === 'package.json') {
      const inner = (parsed as { renovate?: unknown } | null)?.renovate;
      if (inner === undefined) return undefined;
      config = inner as Record<string, unknown>;
    } else config = parsed as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`${path}: not valid JSON5: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new InputError(`${path}: a Renovate config is an object`);
  const disabledManagers: string[] = [];
  let disabled: string | undefined = config.enabled === false ? `${path}: "enabled": false` : undefined;
  for (const [key, value] of Object.entries(config))
    if ((value as { enabled?: unknown } | null)?.enabled === false && typeof value === 'object')
      disabledManagers.push(key);
  for (const rule of Array.isArray(config.packageRules) ? config.packageRules : []) {
    const r = rule as Record<string, unknown>;
    if (r.enabled !== false) continue;
    const matchers = Object.keys(r).filter((k) => k.startsWith('match') || k.startsWith('exclude'));
    const onlyManagers = matchers.length > 0 && matchers.every((k) => k === 'matchManagers');
    const allPackages =
      matchers.length === 0 ||
      (matchers.every((k) =>
        ['matchPackageNames', 'matchPackagePatterns', 'matchDepNames', 'matchManagers'].includes(k),
      ) &&
        matchers
          .filter((k) => k !== 'matchManagers')
          .some((k) => (r[k] as unknown[] | undefined)?.some((p) => MATCH_ALL.has(String(p)))));
    const managers = Array.isArray(r.matchManagers) ? r.matchManagers.map(String) : undefined;
    if (onlyManagers || (allPackages && managers)) disabledManagers.push(...managers!);
    else if (allPackages) disabled ??= `${path}: a packageRules entry with "enabled": false matches every package`;
  }
  const presets = (Array.isArray(config.extends) ? config.extends : []).map(String);
  return {
    file: path,
    ...(disabled ? { disabled } : {}),
    ...(Array.isArray(config.enabledManagers) ? { enabledManagers: config.enabledManagers.map(String) } : {}),
    disabledManagers,
    presets,
  };
}
