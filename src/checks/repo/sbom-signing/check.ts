import { defineCheck } from '../../types.js';
import type { CiStep, Trigger } from '../../../repo/ci/model.js';
import { GORELEASER_FILES, type GoreleaserFacts } from '../../../repo/goreleaser.js';
import type { RepoFacts } from '../../../repo/scan.js';
import { at, judge, merged, notARepository, settle, stepsUsing, verdictOf, type ToolUse } from '../facts.js';

/** What goreleaser is asked to do by a step: its arguments, from the command or the action's `args` input. */
function goreleaserArgs(step: CiStep): string[] | undefined {
  if (step.uses === 'goreleaser/goreleaser-action') return (step.with?.args ?? '').split(/\s+/).filter(Boolean);
  return step.commands.find((c) => c.program === 'goreleaser')?.args;
}

/**
 * The goreleaser configuration a step releases with, where it releases at all: `goreleaser release` (not
 * `--snapshot`, which publishes and signs nothing), with `--config`/`-f` or the default file names at the root.
 */
function releasedWith(facts: RepoFacts, step: CiStep): GoreleaserFacts | undefined {
  const args = goreleaserArgs(step);
  if (!args || args[0] !== 'release' || args.includes('--snapshot')) return undefined;
  const flag = args.findIndex((a) => a === '--config' || a === '-f');
  const named = flag >= 0 ? args[flag + 1] : args.find((a) => a.startsWith('--config='))?.slice('--config='.length);
  const workdir = step.with?.workdir?.replace(/^\.\/|\/$/g, '');
  const prefix = workdir && workdir !== '.' ? `${workdir}/` : '';
  const candidates = named ? [`${prefix}${named.replace(/^\.\//, '')}`] : GORELEASER_FILES.map((f) => `${prefix}${f}`);
  return candidates.map((c) => facts.goreleaser.find((g) => g.file === c)).find(Boolean);
}

/** The pipeline that builds what is released: on tags and releases, or on every merge to the default branch. */
const RELEASES: readonly Trigger[] = ['release', 'push'];

export default defineCheck({
  id: 'repo.sbom-signing',
  title: 'The release pipeline generates an SBOM for what it builds and signs it with cosign',
  collects: ['repo.facts', 'cloudbuild.triggers'],
  permissions: ['cloudbuild.builds.list'],
  remediation: {
    operational: "SBOM and signing steps belong in the repository's release pipeline",
    text: 'In the job that builds and pushes released images (on tags or the default branch): generate an SBOM (syft, cyclonedx, `npm sbom`, ko, goreleaser `sboms:`) and sign with `cosign sign` (or goreleaser `docker_signs:`), keyless through the CI identity, without continue-on-error.',
  },
  evaluate(data) {
    const skip = notARepository(data);
    if (skip) return { resources: skip };
    const facts = data.get('repo.facts');
    const buildTriggers = data.get('cloudbuild.triggers');
    if (!facts.manifests.docker && facts.releaseBuilds.length === 0)
      return {
        resources: [
          {
            name: 'images',
            verdict: 'not-applicable',
            detail: 'no Dockerfile, goreleaser or ko configuration: the repository builds no release artifact',
          },
        ],
      };
    const goreleaser = (want: (g: GoreleaserFacts) => boolean): ToolUse => ({
      actions: ['goreleaser/goreleaser-action'],
      commands: [{ program: 'goreleaser', subcommand: 'release' }],
      also: (step) => {
        const config = releasedWith(facts, step);
        return config !== undefined && want(config);
      },
    });
    const SBOM: ToolUse = {
      actions: ['anchore/sbom-action'],
      commands: [
        { program: 'syft' },
        { program: /^cyclonedx(-[a-z]+)?$/ },
        { program: 'cdxgen' },
        { program: 'npm', subcommand: 'sbom' },
        // ko attaches an SBOM to every image it builds unless told not to (ko.build, "SBOMs").
        ...['build', 'publish', 'resolve', 'apply'].map((subcommand) => ({
          program: 'ko',
          subcommand,
          unless: (args: string[]) => args.some((a) => a === '--sbom=none' || a === '--sbom none'),
        })),
      ],
    };
    /** A signature: `cosign sign`. Installing cosign (sigstore/cosign-installer) signs nothing by itself. */
    const SIGNING: ToolUse = { commands: [{ program: 'cosign', subcommand: 'sign' }] };
    /**
     * The verdict from steps that run the tool, and from steps that run `goreleaser release` with a configuration
     * that does it (named). goreleaser's `release` publishes a release, so a workflow started by hand to run it is
     * a release pipeline too; a bare `cosign sign` started by hand may be anything (a test signing a demo image).
     */
    const control = (
      name: string,
      tool: ToolUse,
      pick: (g: GoreleaserFacts) => { file: string; line: number } | undefined,
      missing: string,
    ) => {
      const direct = stepsUsing(facts, tool);
      const released = stepsUsing(
        facts,
        goreleaser((g) => pick(g) !== undefined),
      ).filter((s) => !direct.includes(s));
      const judged = merged(
        judge(facts, direct, RELEASES, buildTriggers),
        judge(facts, released, [...RELEASES, 'manual'], buildTriggers),
      );
      const verdict = verdictOf(name, judged, missing, tool);
      const first = judged.counted[0];
      const config = first && released.includes(first) ? releasedWith(facts, first) : undefined;
      const place = config && pick(config);
      if (!place) return verdict;
      const via = first!.commands.find((c) => c.program === 'goreleaser')?.via;
      return { ...verdict, detail: `${verdict.detail}${via ? `, through ${via}` : ''}, configured at ${at(place)}` };
    };
    const sbom = control('sbom', SBOM, (g) => g.sboms[0], 'no release step generates an SBOM');
    const signing = control('signing', SIGNING, (g) => g.cosignSigns[0], 'no release step signs with cosign');
    return { resources: settle([sbom, signing]) };
  },
});
