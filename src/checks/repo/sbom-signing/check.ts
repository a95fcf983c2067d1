import { defineCheck, type ResourceVerdict } from '../../types.js';
import { at, notARepository, stepsUsing, type RepoFacts, type ToolUse } from '../facts.js';

/** An SBOM generator that runs: syft, a CycloneDX generator, cdxgen, `npm sbom`, or Anchore's action (syft). */
const SBOM: ToolUse = {
  actions: ['anchore/sbom-action'],
  commands: [
    { program: 'syft' },
    { program: /^cyclonedx(-[a-z]+)?$/ },
    { program: 'cdxgen' },
    { program: 'npm', subcommand: 'sbom' },
  ],
};
/** A signature: `cosign sign`. Installing cosign (sigstore/cosign-installer) signs nothing by itself. */
const SIGNING: ToolUse = { commands: [{ program: 'cosign', subcommand: 'sign' }] };

export default defineCheck({
  id: 'repo.sbom-signing',
  title: 'CI generates an SBOM for what it builds and signs the images (cosign)',
  collects: ['repo.facts'],
  permissions: [],
  remediation: {
    operational: "SBOM and signing steps belong in the repository's CI workflows",
    text: 'In the image build job: generate an SBOM (syft, cyclonedx or `npm sbom`) and sign the pushed image with `cosign sign`, keyless through the CI identity.',
  },
  evaluate(data) {
    const skip = notARepository(data);
    if (skip) return { resources: skip };
    const facts = data.get('repo.facts');
    if (!facts.ecosystems.docker)
      return {
        resources: [
          { name: 'images', verdict: 'not-applicable', detail: 'no Dockerfile: the repository builds no image' },
        ],
      };
    const verdict = (name: string, steps: RepoFacts['ciSteps'], what: string): ResourceVerdict =>
      steps[0]
        ? { name, verdict: 'pass', detail: `${at(steps[0])}: ${steps[0].text.split('\n')[0]}` }
        : { name, verdict: 'fail', detail: `no CI step ${what} (${facts.ciSteps.length} step(s) read)` };
    return {
      resources: [
        verdict('sbom', stepsUsing(facts, SBOM), 'generates an SBOM'),
        verdict('signing', stepsUsing(facts, SIGNING), 'signs images with cosign'),
      ],
    };
  },
});
