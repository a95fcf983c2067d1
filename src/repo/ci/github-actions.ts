import { commandsOf } from '../shell-commands.js';
import { isSeq } from 'yaml';
import { child, entries, items, resolve, text, yamlOf, type YamlFile } from '../yaml-file.js';
import { evaluateCondition, type RunContext } from './github-expressions.js';
import type { CiStep, Opaque, Pipelines, Runs, Serialization, Trigger } from './model.js';
import type { DefaultBranch } from './default-branch.js';

/**
 * GitHub Actions, as GitHub runs it (docs.github.com, "Events that trigger workflows", "Workflow syntax for GitHub
 * Actions"): only workflow files directly in .github/workflows run; a workflow runs on the events of its `on:`,
 * narrowed by branch, tag and path filters; a job or step runs where its `if:` holds; `continue-on-error: true` lets
 * it fail without failing the run. Jobs that call a reusable workflow of this repository, and steps that use a
 * composite action of this repository, run that file's steps in their place. A reusable workflow of another
 * repository is opaque: gtp cannot read it.
 */

/** One way a workflow runs: the event, the trigger it stands for, and the run's ref. */
interface EventRun extends RunContext {
  trigger: Trigger;
}

/** For each way the workflow runs, whether a job or step still runs there. */
type RunState = Map<EventRun, Runs>;

const DEFAULT_PR_TYPES = ['opened', 'synchronize', 'reopened'];

/** GitHub's filter patterns: `*` within a path segment, `**` across, `?` and `+` on the character before, `[…]`. */
function filterPattern(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?' || c === '+') out += c;
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) out += '\\[';
      else {
        out += pattern.slice(i, end + 1);
        i = end;
      }
    } else out += c.replace(/[.^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Whether a ref name passes an include list (with `!` exclusions, the last match deciding) or an ignore list. */
function passes(name: string, include: string[] | undefined, ignore: string[] | undefined): boolean {
  if (include) {
    let matched = false;
    for (const p of include) {
      if (p.startsWith('!')) {
        if (filterPattern(p.slice(1)).test(name)) matched = false;
      } else if (filterPattern(p).test(name)) matched = true;
    }
    return matched;
  }
  if (ignore) return !ignore.some((p) => filterPattern(p).test(name));
  return true;
}

/**
 * Whether a `paths` filter lets (nearly) every change through: none at all, or one that includes `**` and only
 * carves exceptions out with `!` patterns (documentation, licences). A filter naming some paths runs only for them.
 */
function everyChange(paths: string[] | undefined): boolean {
  return paths === undefined || paths.includes('**') || paths.includes('**/*');
}

const list = (file: YamlFile, node: unknown): string[] | undefined =>
  node === undefined ? undefined : items(file, node).map((n) => text(n) ?? '');

/** The ways a workflow runs, from its `on:`, and what its filters leave out. */
function eventsOf(
  file: YamlFile,
  on: unknown,
  branch: DefaultBranch,
): { runs: EventRun[]; limits: string[]; reusable: boolean } {
  const runs: EventRun[] = [];
  const limits: string[] = [];
  let reusable = false;
  const at = `${file.file}:${file.line(on)}`;
  // `on: push`, `on: [push, pull_request]`, or a mapping from each event to its filters.
  const events: [string, unknown][] =
    text(on) !== undefined
      ? [[text(on)!, undefined]]
      : isSeq(resolve(file, on))
        ? items(file, on).map((item) => [text(item) ?? '', undefined])
        : entries(file, on);
  const onDefault = (include: string[] | undefined, ignore: string[] | undefined) =>
    branch.names.filter((n) => passes(n, include, ignore));
  const branchRef = (names: string[]): RunContext['ref'] => ({ kind: 'branch', names });

  for (const [event, config] of events) {
    const filter = (key: string) => list(file, child(file, config, key));
    switch (event) {
      case 'push': {
        const [branches, branchesIgnore, tags, tagsIgnore, paths] = [
          filter('branches'),
          filter('branches-ignore'),
          filter('tags'),
          filter('tags-ignore'),
          filter('paths'),
        ];
        const branchFilter = branches !== undefined || branchesIgnore !== undefined;
        const tagFilter = tags !== undefined || tagsIgnore !== undefined;
        // "If you define only tags/tags-ignore or only branches/branches-ignore, the workflow won't run for events
        // affecting the undefined Git ref."
        if (tagFilter && !branchFilter) limits.push(`${at}: on push of tags only, not of branches`);
        else {
          const names = onDefault(branches, branchesIgnore);
          if (names.length === 0)
            limits.push(
              `${at}: on push to branches ${JSON.stringify(branches ?? branchesIgnore)}, not ${branch.names.join(' or ')}`,
            );
          else if (!everyChange(paths))
            limits.push(`${at}: on push only when a change touches ${JSON.stringify(paths)}`);
          else runs.push({ event, trigger: 'push', ref: branchRef(names) });
        }
        if (!branchFilter || tagFilter) {
          const allIgnored = tagsIgnore?.some((p) => p === '*' || p === '**') && tags === undefined;
          if (!allIgnored) runs.push({ event, trigger: 'release', ref: { kind: 'tag' } });
        }
        break;
      }
      case 'pull_request':
      case 'pull_request_target': {
        const names = onDefault(filter('branches'), filter('branches-ignore'));
        const types = filter('types') ?? DEFAULT_PR_TYPES;
        const paths = filter('paths');
        if (names.length === 0) limits.push(`${at}: on ${event} into other branches than ${branch.names.join(' or ')}`);
        else if (!types.includes('synchronize') && !types.includes('opened'))
          limits.push(`${at}: on ${event} of types ${JSON.stringify(types)} only, not as changes are pushed`);
        else if (!everyChange(paths))
          limits.push(`${at}: on ${event} only when a change touches ${JSON.stringify(paths)}`);
        else runs.push({ event, trigger: 'pull-request', ref: { kind: 'pull' } });
        break;
      }
      case 'merge_group':
        runs.push({ event, trigger: 'pull-request', ref: { kind: 'unknown' } });
        break;
      case 'release':
        runs.push({ event, trigger: 'release', ref: { kind: 'tag' } });
        break;
      case 'schedule':
        runs.push({ event, trigger: 'schedule', ref: branchRef(branch.names) });
        break;
      case 'workflow_dispatch':
      case 'repository_dispatch':
        runs.push({ event, trigger: 'manual', ref: { kind: 'unknown' } });
        break;
      case 'workflow_call':
        reusable = true;
        break;
      default:
        limits.push(`${at}: on ${event}, which no change to the default branch starts`);
    }
  }
  return { runs, limits, reusable };
}

/** Applies an `if:` to a run state: where it is false the job or step does not run, where unknown it may. */
function narrowed(state: RunState, condition: string | undefined, where: string, limits: string[]): RunState {
  if (condition === undefined) return state;
  const out: RunState = new Map();
  const falseOn: string[] = [];
  for (const [run, runs] of state) {
    const truth = evaluateCondition(condition, run);
    if (truth === false) falseOn.push(run.event);
    else if (truth === 'unknown') out.set(run, { sure: false, condition: `if: ${condition}` });
    else out.set(run, runs);
  }
  if (falseOn.length > 0) limits.push(`${where}: if: ${condition} is false on ${[...new Set(falseOn)].join(', ')}`);
  return out;
}

function runsOnOf(state: RunState): CiStep['runsOn'] {
  const out: CiStep['runsOn'] = {};
  for (const [run, runs] of state) {
    const before = out[run.trigger];
    if (!before || (!before.sure && runs.sure)) out[run.trigger] = runs;
  }
  return out;
}

/** A `concurrency:` key (a group name, or a map with `group` and `cancel-in-progress`), where one is written. */
function concurrencyOf(file: YamlFile, node: unknown): Serialization | undefined {
  if (node === undefined) return undefined;
  const line = file.line(node);
  const name = text(node);
  if (name !== undefined) return { file: file.file, line, group: name };
  const group = text(child(file, node, 'group'));
  if (group === undefined) return undefined;
  const cancel = text(child(file, node, 'cancel-in-progress'));
  return { file: file.file, line, group, ...(cancel !== undefined ? { cancelInProgress: cancel } : {}) };
}

/**
 * A job's `strategy.matrix`: each key with its plain values, `include` entries adding theirs ("Workflow syntax for
 * GitHub Actions", jobs.<job_id>.strategy.matrix.include). A matrix or key given by an expression is 'unknown'.
 */
function matrixOf(file: YamlFile, job: unknown): CiStep['matrix'] {
  const matrix = child(file, child(file, job, 'strategy'), 'matrix');
  if (matrix === undefined) return undefined;
  if (text(matrix) !== undefined) return 'unknown';
  const out: Record<string, string[] | 'unknown'> = {};
  const add = (key: string, value: unknown) => {
    const plain = text(value);
    const before = out[key];
    if (before === 'unknown') return;
    if (plain === undefined || plain.includes('${{')) out[key] = 'unknown';
    else out[key] = [...(before ?? []), plain];
  };
  for (const [key, values] of entries(file, matrix)) {
    if (key === 'exclude') continue;
    if (key === 'include') {
      for (const entry of items(file, values)) for (const [k, v] of entries(file, entry)) add(k, v);
      continue;
    }
    if (text(values) !== undefined) out[key] = 'unknown';
    else for (const value of items(file, values)) add(key, value);
  }
  return out;
}

/** Reads the repository's workflows into steps. `read` gives a file's text, or undefined where there is none. */
export async function githubActions(
  workflows: string[],
  read: (file: string) => Promise<string | undefined>,
  branch: DefaultBranch,
): Promise<Pipelines> {
  const steps: CiStep[] = [];
  const opaque: Opaque[] = [];
  const parsed = new Map<string, YamlFile | undefined>();
  const load = async (path: string) => {
    if (!parsed.has(path)) {
      const source = await read(path);
      parsed.set(path, source === undefined ? undefined : yamlOf(path, source));
    }
    return parsed.get(path);
  };

  /** The steps of `jobs:` in a file, run in `state` (the caller's where the file is a reusable workflow). */
  const jobsOf = async (
    file: YamlFile,
    state: RunState,
    limits: string[],
    depth: number,
    workflowConcurrency: Serialization | undefined,
  ): Promise<void> => {
    for (const [name, job] of entries(file, child(file, file.doc.contents, 'jobs'))) {
      const jobFacts = {
        matrix: matrixOf(file, job),
        serializedBy: concurrencyOf(file, child(file, job, 'concurrency')) ?? workflowConcurrency,
      };
      const where = `${file.file}:${file.line(job)}`;
      const jobLimits = [...limits];
      const jobState = narrowed(state, text(child(file, job, 'if')), `${where} job ${name}`, jobLimits);
      const jobCannotFail =
        text(child(file, job, 'continue-on-error')) === 'true'
          ? `${where}: job ${name} continue-on-error: true`
          : undefined;
      const uses = text(child(file, job, 'uses'));
      if (uses !== undefined) {
        if (uses.startsWith('./')) {
          const called = depth < 8 ? await load(uses.slice(2).split('@')[0]!) : undefined;
          if (called)
            await jobsOf(
              called,
              jobState,
              jobLimits,
              depth + 1,
              jobFacts.serializedBy ?? concurrencyOf(called, child(called, called.doc.contents, 'concurrency')),
            );
          else
            opaque.push({
              file: file.file,
              line: file.line(job),
              what: `reusable workflow ${uses} (not found)`,
              runsOn: runsOnOf(jobState),
            });
        } else
          opaque.push({
            file: file.file,
            line: file.line(job),
            what: `reusable workflow ${uses}`,
            runsOn: runsOnOf(jobState),
          });
        continue;
      }
      await stepsOf(file, child(file, job, 'steps'), jobState, jobLimits, jobCannotFail, depth, jobFacts);
    }
  };

  const stepsOf = async (
    file: YamlFile,
    list: unknown,
    state: RunState,
    limits: string[],
    cannotFail: string | undefined,
    depth: number,
    job: Pick<CiStep, 'matrix' | 'serializedBy'>,
  ): Promise<void> => {
    for (const step of items(file, list)) {
      const line = file.line(step);
      const where = `${file.file}:${line}`;
      const stepLimits = [...limits];
      const stepState = narrowed(state, text(child(file, step, 'if')), where, stepLimits);
      const stepCannotFail =
        cannotFail ??
        (text(child(file, step, 'continue-on-error')) === 'true' ? `${where}: continue-on-error: true` : undefined);
      const uses = text(child(file, step, 'uses'));
      const run = text(child(file, step, 'run'));
      if (uses?.startsWith('./') && depth < 8) {
        // A composite action of this repository runs its own steps in this one's place.
        const dir = uses.slice(2).replace(/\/$/, '');
        const action = (await load(`${dir}/action.yml`)) ?? (await load(`${dir}/action.yaml`));
        const runs = action ? child(action, action.doc.contents, 'runs') : undefined;
        if (action && text(child(action, runs, 'using')) === 'composite') {
          await stepsOf(action, child(action, runs, 'steps'), stepState, stepLimits, stepCannotFail, depth + 1, job);
          continue;
        }
      }
      if (uses === undefined && run === undefined) continue;
      const base = {
        system: 'github-actions' as const,
        file: file.file,
        line: file.line(child(file, step, uses !== undefined ? 'uses' : 'run')) || line,
        runsOn: runsOnOf(stepState),
        limits: stepLimits,
        ...(stepCannotFail ? { cannotFail: stepCannotFail } : {}),
        ...(job.matrix ? { matrix: job.matrix } : {}),
        ...(job.serializedBy ? { serializedBy: job.serializedBy } : {}),
      };
      if (uses !== undefined) {
        const inputs = Object.fromEntries(entries(file, child(file, step, 'with')).map(([k, v]) => [k, text(v) ?? '']));
        steps.push({ ...base, text: uses, uses: uses.split('@')[0]!.toLowerCase(), with: inputs, commands: [] });
      } else steps.push({ ...base, text: run!, commands: commandsOf(run!) });
    }
  };

  for (const path of workflows) {
    const file = (await load(path))!;
    const on = child(file, file.doc.contents, 'on');
    const { runs, limits, reusable } = eventsOf(file, on, branch);
    if (reusable && runs.length === 0) continue; // only a caller runs it, in its own events
    const state: RunState = new Map(runs.map((r) => [r, { sure: true } as Runs]));
    await jobsOf(file, state, limits, 0, concurrencyOf(file, child(file, file.doc.contents, 'concurrency')));
  }
  return { steps, opaque };
}
