import { defineCheck } from '../../types.js';
import { settle, type MaybeUnknown } from '../../evidence.js';
import { describeRuns, type CiStep } from '../../../repo/ci/model.js';
import type { Command } from '../../../repo/shell-commands.js';
import { at, noTerraform, notARepository } from '../facts.js';

/** Terraform, OpenTofu (the same command line), and Terragrunt, which runs one of them. */
const TERRAFORM = new Set(['terraform', 'tofu', 'terragrunt']);
/** Subcommands that write state, and so take its lock ("State Locking": "for all operations that could write state"). */
const WRITES_STATE = new Set(['apply', 'destroy', 'import', 'refresh', 'taint', 'untaint']);

/**
 * Whether the command writes state: its subcommand, the first word after the global options (`terraform
 * -chdir=infra apply`); for Terragrunt any word, as it runs the command it is given (`terragrunt run-all apply`).
 */
const writesState = (command: Command) =>
  command.program === 'terragrunt'
    ? command.args.some((a) => WRITES_STATE.has(a))
    : WRITES_STATE.has(command.args.find((a) => !a.startsWith('-')) ?? '');
const unlocks = (command: Command) => command.args.some((a) => /^--?lock=false$/.test(a));

/**
 * Contexts whose value is the same for every run of a workflow on the default branch: a concurrency group made of
 * them (and literal text) holds every such run to one at a time. Anything else (github.run_id, github.sha, …) may
 * differ per run, and such a group serialises nothing.
 */
const STABLE =
  /^(github\.(workflow|ref|ref_name|repository|repository_owner|base_ref|job)|inputs\.[\w-]+|vars\.[\w-]+)$/;
const PER_RUN = /^(github\.(run_id|run_number|run_attempt|sha|event\.|head_ref|actor|triggering_actor))/;

/** Whether the group's name is the same for every run, different for each, or something gtp cannot tell. */
function groupStability(group: string): 'stable' | 'per-run' | 'unknown' {
  const expressions = [...group.matchAll(/\$\{\{\s*(.*?)\s*\}\}/g)].map((m) => m[1]!);
  if (expressions.some((e) => PER_RUN.test(e))) return 'per-run';
  return expressions.every((e) => STABLE.test(e)) ? 'stable' : 'unknown';
}

/** One step that writes state from CI, judged: only from the default branch, and one run at a time. */
function judgeApply(step: CiStep, command: Command): MaybeUnknown {
  const name = `${at(step)} ${command.program} ${command.args.join(' ')}`.slice(0, 160);
  const fail = (why: string): MaybeUnknown => ({ name, verdict: 'fail', detail: why });
  if (unlocks(command)) return fail('-lock=false: it writes state without taking the lock');
  // Pushes and schedules run on the default branch; a pull request, a tag or a manual run may run elsewhere.
  const elsewhere = (['pull-request', 'release', 'manual'] as const).filter((t) => step.runsOn[t]);
  const sureElsewhere = elsewhere.filter((t) => step.runsOn[t]!.sure);
  if (sureElsewhere.length > 0)
    return fail(
      `runs on ${describeRuns(step.runsOn)}: ${sureElsewhere.join(', ')} runs are not the default branch, so applies come from many places`,
    );
  // No change starts it: it runs only when someone starts it (GitLab `when: manual`), or never; from which branch
  // a person starts it is not in the files.
  if (Object.keys(step.runsOn).length === 0)
    return {
      name,
      verdict: 'fail',
      unknown: true,
      detail: `unverified: no change starts it (${step.limits.join('; ') || 'no trigger'}); where it is started by hand, the branch it applies from is not in the files`,
    };
  if (step.system === 'cloud-build')
    return fail('Cloud Build configuration has no concurrency group: two builds can apply at once');
  const group = step.serializedBy;
  if (!group)
    return fail(
      step.system === 'gitlab-ci'
        ? 'its job has no resource_group: two pipelines can apply at once'
        : 'neither its job nor its workflow has a concurrency group: two runs can apply at once',
    );
  const stability = groupStability(group.group);
  if (stability === 'per-run')
    return fail(`concurrency group ${group.group} (${at(group)}) differs from run to run: it serialises nothing`);
  const ran = `runs on ${describeRuns(step.runsOn)}`;
  if (stability === 'unknown' || elsewhere.length > 0)
    return {
      name,
      verdict: 'fail',
      unknown: true,
      detail: `unverified: ${ran}, in concurrency group ${group.group} (${at(group)})${stability === 'unknown' ? ', whose name gtp cannot tell is the same for every run' : ''}`,
    };
  const cancel =
    group.cancelInProgress === 'true' ? '; cancel-in-progress: true cancels a running apply for a newer one' : '';
  return {
    name,
    verdict: 'pass',
    detail: `${ran} (the default branch), one at a time in group ${group.group} (${at(group)})${cancel}`,
  };
}

export default defineCheck({
  id: 'repo.terraform-apply-serialized',
  title:
    'Terraform applies are serialised: run from the default branch in one concurrency group, or through Atlantis, and never with -lock=false',
  collects: ['repo.facts'],
  permissions: [],
  remediation: {
    operational: "how Terraform is applied is the repository's CI configuration",
    text: 'Apply only from the default branch in a CI job with a fixed concurrency group (GitHub Actions concurrency:, GitLab resource_group:), or through Atlantis (atlantis.yaml); remove every -lock=false.',
  },
  evaluate(data) {
    const skip = notARepository(data);
    if (skip) return { resources: skip };
    const facts = data.get('repo.facts');
    const none = noTerraform(facts);
    if (none) return { resources: none };
    const resources: MaybeUnknown[] = [];
    const terraform = facts.ciSteps.flatMap((step) =>
      step.commands.filter((c) => TERRAFORM.has(c.program)).map((command) => ({ step, command })),
    );
    for (const { step, command } of terraform) {
      if (writesState(command)) resources.push(judgeApply(step, command));
      else if (unlocks(command))
        resources.push({
          name: `${at(step)} ${command.program} ${command.args.join(' ')}`.slice(0, 160),
          verdict: 'fail',
          detail: '-lock=false: it reads state while another run may be writing it',
        });
    }
    const atlantis = facts.atlantis;
    if (atlantis) {
      resources.push(
        atlantis.lockFalse.length > 0
          ? {
              name: 'atlantis.yaml',
              verdict: 'fail',
              detail: `passes -lock=false at ${atlantis.lockFalse.map(at).join(', ')}`,
            }
          : { name: 'atlantis.yaml', verdict: 'pass', detail: 'applies go through Atlantis, which locks each project' },
      );
    }
    for (const hidden of facts.opaque)
      resources.push({
        name: at(hidden),
        verdict: 'fail',
        unknown: true,
        detail: `unverified: ${hidden.what} is not in the repository: it may apply, or pass -lock=false`,
      });
    if (resources.length === 0)
      resources.push({
        name: 'terraform',
        verdict: 'fail',
        detail: `${facts.terraformFiles.length} .tf file(s), no terraform apply in CI (${facts.ciSteps.length} step(s) read) and no atlantis.yaml: applies run wherever someone runs them, with nothing to serialise them`,
      });
    return { resources: settle(resources) };
  },
});
