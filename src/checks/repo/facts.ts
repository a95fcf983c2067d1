import { MalformedEvidence } from '../evidence.js';
import type { CheckData, ResourceVerdict } from '../types.js';
import { describeRuns, type CiStep, type Trigger } from '../../repo/ci/model.js';
import type { Command } from '../../repo/shell-commands.js';
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
export function judge(facts: RepoFacts, steps: CiStep[], triggers: readonly Trigger[]): Judged {
  const judged: Judged = { counted: [], notCounted: [], unknown: [] };
  for (const step of steps) {
    const on = triggers.filter((t) => step.runsOn[t]);
    const where = `${at(step)} (${step.text.split('\n')[0]})`;
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

/** A control found: pass on its first counted step, or a fail (or an unknown) that says what was seen and why. */
export function verdictOf(
  name: string,
  judged: Judged,
  missing: string,
  tool?: ToolUse,
): ResourceVerdict & { unknown?: true } {
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
 * The resources as the check reports them: where all that fails is unknown, the check is unverified (an error
 * naming each), never a fail and never a pass; a sure fail beside an unknown fails the check all the same.
 */
export function settle(resources: (ResourceVerdict & { unknown?: true })[]): ResourceVerdict[] {
  const fails = resources.filter((r) => r.verdict === 'fail');
  if (fails.length > 0 && fails.every((r) => r.unknown))
    throw new MalformedEvidence(fails.map((r) => `${r.name}: ${r.detail}`).join('; '));
  return resources.map(({ unknown: _unknown, ...r }) => r);
}

/**
 * For a control that any one of several places provides: the passing ones where there is one; else unverified
 * where any place is unknown; else the fails, each saying why it does not count.
 */
export function anyOf(resources: (ResourceVerdict & { unknown?: true })[]): ResourceVerdict[] {
  const passed = resources.filter((r) => r.verdict === 'pass');
  if (passed.length > 0) return settle(passed);
  const unknown = resources.filter((r) => r.unknown);
  if (unknown.length > 0) throw new MalformedEvidence(unknown.map((r) => `${r.name}: ${r.detail}`).join('; '));
  return settle(resources);
}
