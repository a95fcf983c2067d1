import type { CheckData, ResourceVerdict } from '../types.js';
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
  commands?: readonly { program: string | RegExp; subcommand?: string }[];
}

/** Steps of the repository's CI that run one of the tools. */
export function stepsUsing(facts: RepoFacts, tool: ToolUse): RepoFacts['ciSteps'] {
  return facts.ciSteps.filter(
    (s) =>
      (s.uses !== undefined && (tool.actions ?? []).some((a) => s.uses === a || s.uses!.startsWith(`${a}/`))) ||
      s.commands.some((c) =>
        (tool.commands ?? []).some(
          (t) =>
            (typeof t.program === 'string' ? c.program === t.program : t.program.test(c.program)) &&
            (t.subcommand === undefined || c.args[0] === t.subcommand),
        ),
      ),
  );
}
