import { isMap } from 'yaml';
import { commandsOf } from '../shell-commands.js';
import { child, entries, items, plain, text, yamlOf, type YamlFile } from '../yaml-file.js';
import { evaluateRule, type Variables } from './gitlab-expressions.js';
import type { DefaultBranch } from './default-branch.js';
import type { CiStep, Opaque, Pipelines, Runs, Trigger } from './model.js';

/**
 * GitLab CI, as GitLab runs it (docs.gitlab.com, "CI/CD YAML syntax reference"): every top-level key that is not
 * a global keyword is a job, unless its name starts with a dot (a hidden job: "not processed by GitLab CI/CD");
 * `extends` and local `include` bring in keys from elsewhere; `rules` (first match wins, "if no rules match, the job
 * is not added to the pipeline"), `only`/`except` and `when` decide in which pipelines a job runs; `when: manual`
 * waits for a person; `allow_failure: true` lets a job fail without failing the pipeline (the default for manual
 * jobs); a failing `after_script` does not fail the job. Includes from other projects, remote URLs, templates and
 * components are opaque: gtp cannot read them.
 */

const GLOBAL_KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
  'spec',
]);

/** A kind of pipeline, with the predefined variables that tell it apart and the `only:` refs it matches. */
interface PipelineKind {
  trigger: Trigger;
  name: string;
  variables: Variables;
  refs: string[];
}

function pipelineKinds(branch: string): PipelineKind[] {
  const base = { CI_DEFAULT_BRANCH: branch, CI_MERGE_REQUEST_IID: null, CI_COMMIT_TAG: null };
  return [
    {
      trigger: 'push',
      name: 'pushes to the default branch',
      variables: { ...base, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: branch, CI_COMMIT_REF_NAME: branch },
      refs: ['branches', 'pushes', branch],
    },
    {
      trigger: 'pull-request',
      name: 'merge request pipelines',
      variables: {
        ...base,
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_COMMIT_BRANCH: null,
        CI_MERGE_REQUEST_IID: '1',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: branch,
      },
      refs: ['merge_requests'],
    },
    {
      // Without merge request pipelines, the branch pipeline of the merge request's branch is what it shows.
      trigger: 'pull-request',
      name: "pushes to a merge request's branch",
      variables: { ...base, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'a-feature-branch' },
      refs: ['branches', 'pushes'],
    },
    {
      trigger: 'release',
      name: 'tag pipelines',
      variables: { ...base, CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: null, CI_COMMIT_TAG: 'v1.0.0' },
      refs: ['tags', 'pushes'],
    },
    {
      trigger: 'schedule',
      name: 'scheduled pipelines',
      variables: { ...base, CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_BRANCH: branch, CI_COMMIT_REF_NAME: branch },
      refs: ['schedules', branch],
    },
  ];
}

/** Where a job is defined: each file that defines it, the main file's first. */
type Definitions = Map<string, { file: YamlFile; node: unknown }[]>;

/** In one kind of pipeline: runs, does not, waits for a person, or depends on what gtp cannot evaluate. */
type Decision =
  | { runs: 'yes'; allowFailure: boolean }
  | { runs: 'maybe'; condition: string; allowFailure: boolean }
  | { runs: 'no'; why: string }
  | { runs: 'manual'; why: string };

export async function gitlabCi(
  read: (file: string) => Promise<string | undefined>,
  branch: DefaultBranch,
): Promise<Pipelines> {
  const steps: CiStep[] = [];
  const opaque: Opaque[] = [];
  const main = await read('.gitlab-ci.yml');
  if (main === undefined) return { steps, opaque };
  const files: YamlFile[] = [];
  const unknownEverywhere = (what: string): Opaque['runsOn'] => {
    const runs: Runs = { sure: false, condition: `${what} says` };
    return { push: runs, 'pull-request': runs, release: runs };
  };

  const load = async (path: string, depth: number): Promise<void> => {
    const source = depth === 0 ? main : await read(path);
    if (source === undefined) {
      opaque.push({ file: path, line: 1, what: `local include ${path} (not found)`, runsOn: unknownEverywhere(path) });
      return;
    }
    const file = yamlOf(path, source);
    files.push(file);
    for (const include of items(file, child(file, file.doc.contents, 'include'))) {
      const local = text(include) ?? text(child(file, include, 'local'));
      const where = { file: path, line: file.line(include) };
      if (local !== undefined && !/^https?:\/\//.test(local) && !local.includes('*') && depth < 8)
        await load(local.replace(/^\//, ''), depth + 1);
      else {
        const what = `include ${JSON.stringify(plain(file, include))}`;
        opaque.push({ ...where, what, runsOn: unknownEverywhere(what) });
      }
    }
  };
  await load('.gitlab-ci.yml', 0);

  const definitions: Definitions = new Map();
  for (const file of files)
    for (const [name, node] of entries(file, file.doc.contents)) {
      if (GLOBAL_KEYWORDS.has(name)) continue;
      definitions.set(name, [...(definitions.get(name) ?? []), { file, node }]);
    }

  /** A job's key, from the job, then what it extends (the last named first), as GitLab merges them. */
  const lookup = (name: string, key: string, depth = 0): { file: YamlFile; node: unknown } | undefined => {
    for (const { file, node } of definitions.get(name) ?? []) {
      const value = child(file, node, key);
      if (value !== undefined) return { file, node: value };
    }
    if (depth > 11) return undefined;
    for (const { file, node } of definitions.get(name) ?? []) {
      const parents = items(file, child(file, node, 'extends')).map((p) => text(p) ?? '');
      for (const parent of parents.reverse()) {
        const found = lookup(parent, key, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  const defaults = (key: string) => {
    for (const file of files) {
      const value = child(file, child(file, file.doc.contents, 'default'), key) ?? child(file, file.doc.contents, key);
      if (value !== undefined) return { file, node: value };
    }
    return undefined;
  };

  const decide = (name: string, kind: PipelineKind): Decision => {
    const rules = lookup(name, 'rules');
    const when = text(lookup(name, 'when')?.node) ?? 'on_success';
    const allowFailure = text(lookup(name, 'allow_failure')?.node);
    if (rules) {
      let uncertain: string | undefined;
      for (const rule of items(rules.file, rules.node)) {
        const condition = text(child(rules.file, rule, 'if'));
        const narrowedBy = ['changes', 'exists'].filter((k) => child(rules.file, rule, k) !== undefined);
        let truth = condition === undefined ? true : evaluateRule(condition, kind.variables);
        if (truth === true && narrowedBy.length > 0) truth = 'unknown';
        if (truth === false) continue;
        const ruleWhen = text(child(rules.file, rule, 'when')) ?? when;
        const ruleAllow = text(child(rules.file, rule, 'allow_failure')) ?? allowFailure;
        const said = `rules: ${[condition ? `if: ${condition}` : '', ...narrowedBy].filter(Boolean).join(', ')}`;
        if (truth === 'unknown') {
          if (ruleWhen === 'never' || ruleWhen === 'manual') {
            uncertain = said;
            continue;
          }
          return { runs: 'maybe', condition: said, allowFailure: ruleAllow === 'true' };
        }
        if (ruleWhen === 'never') return { runs: 'no', why: `${said || 'rules'}: when: never` };
        if (ruleWhen === 'manual') return { runs: 'manual', why: `${said || 'rules'}: when: manual` };
        if (uncertain) return { runs: 'maybe', condition: uncertain, allowFailure: ruleAllow === 'true' };
        return { runs: 'yes', allowFailure: ruleAllow === 'true' };
      }
      return { runs: 'no', why: uncertain ? `no rule surely matches (${uncertain})` : 'no rule matches' };
    }
    if (when === 'manual') return { runs: 'manual', why: 'when: manual' };
    if (when === 'never') return { runs: 'no', why: 'when: never' };
    const only = lookup(name, 'only');
    const except = lookup(name, 'except');
    // `only`/`except` as a list of refs (or `refs:`); their `variables:`, `changes:` and `kubernetes:` forms are
    // conditions gtp does not evaluate.
    const refsOf = (found: typeof only): string[] | 'unknown' | undefined => {
      if (!found) return undefined;
      if (isMap(found.node)) {
        const refs = child(found.file, found.node, 'refs');
        if (refs === undefined || entries(found.file, found.node).length > 1) return 'unknown';
        return items(found.file, refs).map((r) => text(r) ?? '?');
      }
      return items(found.file, found.node).map((r) => text(r) ?? '?');
    };
    const matches = (refs: string[]) =>
      refs.some((r) => {
        if (kind.refs.includes(r)) return true;
        const re = /^\/(.*)\/([a-z]*)$/.exec(r);
        const ref = kind.variables.CI_COMMIT_BRANCH ?? kind.variables.CI_COMMIT_TAG;
        return re && ref ? new RegExp(re[1]!, re[2]!.replace(/[^im]/g, '')).test(ref) : false;
      });
    const onlyRefs = refsOf(only);
    const exceptRefs = refsOf(except);
    if (onlyRefs === 'unknown' || exceptRefs === 'unknown')
      return {
        runs: 'maybe',
        condition: 'only/except with variables or changes',
        allowFailure: allowFailure === 'true',
      };
    if (onlyRefs && !matches(onlyRefs)) return { runs: 'no', why: `only: ${onlyRefs.join(', ')}` };
    if (exceptRefs && matches(exceptRefs)) return { runs: 'no', why: `except: ${exceptRefs.join(', ')}` };
    return { runs: 'yes', allowFailure: allowFailure === 'true' };
  };

  const kinds = pipelineKinds(branch.names[0]!);
  for (const [name, defs] of definitions) {
    if (name.startsWith('.')) continue;
    const { file, node } = defs[0]!;
    const where = `${file.file}:${file.line(node)}`;
    const runsOn: CiStep['runsOn'] = {};
    const limits: string[] = [];
    let cannotFail: string | undefined;
    for (const kind of kinds) {
      const decision = decide(name, kind);
      if (decision.runs === 'no' || decision.runs === 'manual') {
        limits.push(`${where}: job ${name} not in ${kind.name} (${decision.why})`);
        continue;
      }
      const runs: Runs = decision.runs === 'yes' ? { sure: true } : { sure: false, condition: decision.condition };
      const before = runsOn[kind.trigger];
      if (!before || (!before.sure && runs.sure)) runsOn[kind.trigger] = runs;
      if (decision.allowFailure) cannotFail ??= `${where}: job ${name} allow_failure: true`;
    }
    if (lookup(name, 'trigger')) {
      opaque.push({ file: file.file, line: file.line(node), what: `job ${name} triggers another pipeline`, runsOn });
      continue;
    }
    // GitLab, "Resource group": "To ensure that a deploy job runs once at a time, you can specify resource_group".
    const resourceGroup = lookup(name, 'resource_group');
    const group = resourceGroup ? text(resourceGroup.node) : undefined;
    const serializedBy =
      resourceGroup && group !== undefined
        ? { file: resourceGroup.file.file, line: resourceGroup.file.line(resourceGroup.node), group }
        : undefined;
    const scripts: [string, boolean][] = [
      ['before_script', false],
      ['script', false],
      ['after_script', true],
    ];
    for (const [key, afterScript] of scripts) {
      const found = lookup(name, key) ?? (key !== 'script' ? defaults(key) : undefined);
      if (!found) continue;
      for (const line of items(found.file, found.node)) {
        const script = text(line);
        if (script === undefined) continue;
        steps.push({
          system: 'gitlab-ci',
          file: found.file.file,
          line: found.file.line(line),
          text: script,
          commands: commandsOf(script),
          runsOn,
          limits,
          ...(serializedBy ? { serializedBy } : {}),
          ...(afterScript
            ? { cannotFail: `${where}: job ${name} after_script (its failure does not fail the job)` }
            : cannotFail
              ? { cannotFail }
              : {}),
        });
      }
    }
  }
  return { steps, opaque };
}
