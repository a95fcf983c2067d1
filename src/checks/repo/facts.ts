import { MalformedEvidence, settle, type MaybeUnknown } from '../evidence.js';

export { settle };
import type { CheckData, ResourceVerdict } from '../types.js';
import { describeRuns, type CiStep, type Trigger } from '../../repo/ci/model.js';
import type { Command } from '../../repo/shell-commands.js';
import { triggerRuns, type TriggerReading } from '../../gcp/model/cloudbuild.js';
import type { Place, RepoFacts } from '../../repo/scan.js';

export type { RepoFacts };

export const at = (p: Place) => `${p.file}:${p.line}`;

/** Repository checks do not apply to a directory holding nothing they read (--repo points elsewhere). */
export function notARepository(data: CheckData): ResourceVerdict[] | undefined {
  const facts = data.get('repo.facts');
  return facts.isRepository
    ? undefined
    : [
        {
          name: 'repository',
          verdict: 'not-applicable',
          detail: 'no manifest, CI configuration, Terraform or hook configuration here: pass --repo DIR',
        },
      ];
}

/** Terraform checks do not apply to a repository with no .tf file. */
export function noTerraform(facts: RepoFacts): ResourceVerdict[] | undefined {
  return facts.terraformFiles.length === 0
    ? [{ name: 'terraform', verdict: 'not-applicable', detail: 'no .tf files' }]
    : undefined;
}

/**
 * How a tool shows that it runs in CI: the actions that run it, and the commands (program, and the first argument
 * where the program does many things, as `npm sbom` or `cosign sign`). A mention anywhere else is not a use.
 */
export interface ToolUse {
  actions?: readonly string[];
  commands?: readonly { program: string | RegExp; subcommand?: string; unless?: (args: string[]) => boolean }[];
  /** A step that uses the tool and does more: a further test of the step (goreleaser's configuration). */
  also?: (step: CiStep) => boolean;
}

/** Whether a command runs the tool. */
function runs(command: Command, tool: ToolUse): boolean {
  return (tool.commands ?? []).some(
    (t) =>
      (typeof t.program === 'string' ? command.program === t.program : t.program.test(command.program)) &&
      (t.subcommand === undefined || command.args[0] === t.subcommand) &&
      !t.unless?.(command.args),
  );
}

/** Steps of the repository's CI that run one of the tools, whether or not they run when it matters. */
export function stepsUsing(facts: RepoFacts, tool: ToolUse): CiStep[] {
  return facts.ciSteps.filter(
    (s) =>
      ((s.uses !== undefined && (tool.actions ?? []).some((a) => s.uses === a || s.uses!.startsWith(`${a}/`))) ||
        s.commands.some((c) => runs(c, tool))) &&
      (tool.also?.(s) ?? true),
  );
}

/** Where in the repository's build scripts a step runs the tool, when not in the step itself. */
export function throughScripts(step: CiStep, tool: ToolUse): string | undefined {
  return step.commands.find((c) => c.via !== undefined && runs(c, tool))?.via;
}

/** What the CI model says of steps that run a tool: which count, which do not and why, which gtp cannot tell. */
export interface Judged {
  counted: CiStep[];
  notCounted: { step: CiStep; why: string }[];
  unknown: { place: Place; why: string }[];
}

/**
 * A step counts where it runs, surely, on one of `triggers`, and its failure fails the build. One that runs there
 * only under a condition gtp cannot evaluate, or only if a Cloud Build trigger runs its file, is unknown; so is a
 * remote reusable workflow or include that runs there (it may hold the step).
 */
export function judge(
  facts: RepoFacts,
  steps: CiStep[],
  triggers: readonly Trigger[],
  buildTriggers: TriggerReading = { read: 'not-needed' },
): Judged {
  const judged: Judged = { counted: [], notCounted: [], unknown: [] };
  for (const candidate of steps) {
    const where = `${at(candidate)} (${candidate.text.split('\n')[0]})`;
    if (candidate.system === 'cloud-build' && candidate.cannotFail) {
      judged.notCounted.push({ step: candidate, why: `${where} cannot fail the build: ${candidate.cannotFail}` });
      continue;
    }
    const step =
      candidate.system === 'cloud-build' ? ranByTriggers(candidate, buildTriggers, facts, judged, where) : candidate;
    if (!step) continue;
    const on = triggers.filter((t) => step.runsOn[t]);
    if (on.length === 0) {
      const limits = step.limits.length > 0 ? `; ${step.limits.join('; ')}` : '';
      judged.notCounted.push({
        step,
        why: `${where} runs on ${describeRuns(step.runsOn)}, not on ${triggers.join(' or ')}${limits}`,
      });
    } else if (step.cannotFail)
      judged.notCounted.push({ step, why: `${where} cannot fail the build: ${step.cannotFail}` });
    else if (step.runsIf) judged.unknown.push({ place: step, why: `${where} runs only if ${step.runsIf}` });
    else if (on.every((t) => !step.runsOn[t]!.sure))
      judged.unknown.push({ place: step, why: `${where} runs on ${describeRuns(step.runsOn)}` });
    else judged.counted.push(step);
  }
  for (const hidden of facts.opaque)
    if (triggers.some((t) => hidden.runsOn[t]))
      judged.unknown.push({
        place: hidden,
        why: `${at(hidden)}: ${hidden.what} is not in the repository (gtp cannot read it)`,
      });
  return judged;
}

/** Two judgements of steps found in two ways, as one (a place gtp cannot read named once). */
export function merged(a: Judged, b: Judged): Judged {
  const unknown = [...a.unknown, ...b.unknown].filter((u, i, all) => all.findIndex((v) => v.why === u.why) === i);
  return { counted: [...a.counted, ...b.counted], notCounted: [...a.notCounted, ...b.notCounted], unknown };
}

/**
 * A Cloud Build step as the project's triggers run its file: the step with the changes an enabled trigger builds
 * it on, or undefined (said in `judged`) where no trigger read is known to run it. Triggers in locations not read,
 * or not readable, leave it unknown, never a fail and never a pass.
 */
function ranByTriggers(
  step: CiStep,
  reading: TriggerReading,
  facts: RepoFacts,
  judged: Judged,
  where: string,
): CiStep | undefined {
  if (reading.read !== true) {
    const why = reading.read === false ? `; the project's triggers could not be read: ${reading.why}` : '';
    judged.unknown.push({ place: step, why: `${where} runs only if ${step.runsIf}${why}` });
    return undefined;
  }
  const runs = reading.triggers
    .map((t) => triggerRuns(t, step.file, facts.defaultBranch.names))
    .filter((r) => r !== undefined);
  const on = [...new Set(runs.flatMap((r) => r.on))];
  if (on.length === 0) {
    const seen = runs.flatMap((r) => r.why);
    judged.unknown.push({
      place: step,
      why: `${where}: no enabled trigger in ${reading.locations.join(', ')} builds ${step.file} on changes${seen.length > 0 ? ` (${seen.join('; ')})` : ''}; triggers in other locations are not read (resources.cloudBuildLocations)`,
    });
    return undefined;
  }
  const { runsIf: _unknown, ...ran } = step;
  return {
    ...ran,
    runsOn: Object.fromEntries(on.map((t) => [t, { sure: true }])),
    limits: runs.flatMap((r) => r.why),
  };
}

/** A control found: pass on its first counted step, or a fail (or an unknown) that says what was seen and why. */
export function verdictOf(name: string, judged: Judged, missing: string, tool?: ToolUse): MaybeUnknown {
  const first = judged.counted[0];
  if (first) {
    const via = tool && throughScripts(first, tool);
    return {
      name,
      verdict: 'pass',
      detail: `${at(first)}: ${first.text.split('\n')[0]}${via ? `, through ${via}` : ''}`,
    };
  }
  const seen = judged.notCounted.map((n) => n.why);
  if (judged.unknown.length > 0)
    return {
      name,
      verdict: 'fail',
      unknown: true,
      detail: `unverified: ${[...judged.unknown.map((u) => u.why), ...seen].join('; ')}`,
    };
  return { name, verdict: 'fail', detail: seen.length > 0 ? `${missing}: ${seen.join('; ')}` : missing };
}

/**
 * For a control that any one of several places provides: the passing ones where there is one; else unverified
 * where any place is unknown; else the fails, each saying why it does not count.
 */
export function anyOf(resources: MaybeUnknown[]): ResourceVerdict[] {
  const passed = resources.filter((r) => r.verdict === 'pass');
  if (passed.length > 0) return settle(passed);
  const unknown = resources.filter((r) => r.unknown);
  if (unknown.length > 0) throw new MalformedEvidence(unknown.map((r) => `${r.name}: ${r.detail}`).join('; '));
  return settle(resources);
}
