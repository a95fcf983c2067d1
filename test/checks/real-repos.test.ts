import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import dependencyUpdates from '../../src/checks/repo/dependency-updates/check.js';
import sbomSigning from '../../src/checks/repo/sbom-signing/check.js';
import secretScanning from '../../src/checks/repo/secret-scanning/check.js';
import terraformBackend from '../../src/checks/repo/terraform-backend/check.js';
import type { CheckDefinition, Outcome } from '../../src/checks/types.js';
import { runCheck } from '../helpers/check-table.js';
import { ROOT } from '../helpers/paths.js';

/**
 * The repository checks on public repositories (test/fixtures/real-repos/SOURCES.md names each one's commit): the
 * verdict decided by reading the repository's files, and the evidence that must say why.
 */
type Expected = Record<string, { outcome: Outcome; mentions?: string[] }>;

const CHECKS: Record<string, CheckDefinition> = {
  'repo.dependency-updates': dependencyUpdates,
  'repo.secret-scanning': secretScanning,
  'repo.sbom-signing': sbomSigning,
  'repo.terraform-backend': terraformBackend,
};

const NO_TF = { 'repo.terraform-backend': { outcome: 'not-applicable' } } as const;

const REPOSITORIES: Record<string, Expected> = {
  sigstore__cosign: {
    'repo.dependency-updates': { outcome: 'pass' },
    // Its release is cut by a reusable workflow of another repository (sigstore/community) and built by
    // release/cloudbuild.yaml through `make release` (goreleaser's `sboms:` and `signs:`); its pushes to main sign
    // ko-built images through make targets. The Makefiles are left out here (build recipes), so what is left is
    // unverified, never a pass; the end-to-end test that signs a demo image on pull requests is named as not the
    // release signing.
    'repo.sbom-signing': {
      outcome: 'error',
      mentions: [
        'reusable workflow sigstore/community/.github/workflows/reusable-release.yml@main is not in the repository',
        '.github/workflows/kind-verify-attestation.yaml:140',
        'runs on pull-request, manual, not on release or push',
      ],
    },
    // No scanner in its own workflows, but a reusable workflow of another repository runs on its pull requests.
    'repo.secret-scanning': {
      outcome: 'error',
      mentions: ['reusable workflow sigstore/community/.github/workflows/reusable-dependency-review.yml@main'],
    },
    ...NO_TF,
  },
  gitleaks__gitleaks: {
    'repo.dependency-updates': { outcome: 'fail', mentions: ['docker: Dockerfile:1: no docker entry'] },
    'repo.secret-scanning': { outcome: 'pass', mentions: ['.github/workflows/gitleaks.yml:14'] },
    // The release workflow builds and pushes an image; goreleaser declares neither sboms nor signs.
    'repo.sbom-signing': { outcome: 'fail', mentions: ['no release step generates an SBOM'] },
    ...NO_TF,
  },
  'GoogleCloudPlatform__microservices-demo': {
    'repo.dependency-updates': { outcome: 'pass', mentions: ['Renovate (.github/renovate.json5'] },
    'repo.secret-scanning': { outcome: 'fail' },
    'repo.sbom-signing': { outcome: 'fail' },
    'repo.terraform-backend': { outcome: 'pass', mentions: ['.github/terraform/main.tf:26: backend "gcs"'] },
  },
  psf__black: {
    'repo.dependency-updates': { outcome: 'fail', mentions: ['docker: Dockerfile:1'] },
    'repo.secret-scanning': { outcome: 'fail' },
    'repo.sbom-signing': { outcome: 'fail' },
    ...NO_TF,
  },
  actions__checkout: {
    'repo.dependency-updates': { outcome: 'fail', mentions: ['images/test-ubuntu-git.Dockerfile:1: no docker entry'] },
    'repo.secret-scanning': { outcome: 'fail' },
    'repo.sbom-signing': { outcome: 'fail' },
    ...NO_TF,
  },
  anchore__syft: {
    'repo.dependency-updates': { outcome: 'fail', mentions: ['docker: Dockerfile:1: no docker entry'] },
    // Its release, started by hand, runs `make ci-release`, which runs a Go program gtp does not follow; remote
    // reusable workflows run beside it. Unverified, never a pass.
    'repo.sbom-signing': {
      outcome: 'error',
      mentions: [
        '.github/workflows/release.yaml:121 (anchore/sbom-action@e22c389904149dbc22b58101806040fa8d37a610) runs on manual',
      ],
    },
    'repo.secret-scanning': { outcome: 'error', mentions: ['anchore/workflows/.github/workflows/codeql.yaml'] },
    ...NO_TF,
  },
  'apcj-f5__nap-devsecops-demo': {
    'repo.dependency-updates': { outcome: 'not-applicable' },
    // pre-commit.ci runs its gitleaks hook, whose entry scans only the staged change: nothing, in CI.
    'repo.secret-scanning': {
      outcome: 'fail',
      mentions: ['runs `gitleaks protect --verbose --redact --staged`, which scans only the staged change'],
    },
    'repo.sbom-signing': { outcome: 'not-applicable' },
    ...NO_TF,
  },
  aphp__edsnlp: {
    'repo.dependency-updates': { outcome: 'fail', mentions: ['pyproject.toml:1: no .github/dependabot.yml'] },
    'repo.secret-scanning': { outcome: 'error', mentions: ['aphp/foldedtensor/.github/workflows/coverage.yml@main'] },
    'repo.sbom-signing': { outcome: 'not-applicable' },
    ...NO_TF,
  },
  sindresorhus__ky: {
    'repo.dependency-updates': { outcome: 'fail', mentions: ['npm: package.json:1: no .github/dependabot.yml'] },
    'repo.secret-scanning': { outcome: 'fail' },
    'repo.sbom-signing': { outcome: 'not-applicable' },
    ...NO_TF,
  },
  'terraform-google-modules__terraform-example-foundation': {
    'repo.dependency-updates': { outcome: 'pass', mentions: ['updated by Renovate (.github/renovate.json'] },
    'repo.secret-scanning': { outcome: 'fail' },
    'repo.sbom-signing': { outcome: 'fail' },
    'repo.terraform-backend': { outcome: 'pass', mentions: ['1-org/envs/shared/backend.tf:18: backend "gcs"'] },
  },
  'apdavison__prov-api': {
    // GitLab CI builds and pushes an image on main only, with nothing that makes an SBOM or signs it.
    'repo.dependency-updates': { outcome: 'fail', mentions: ['deployment/Dockerfile:1: no .github/dependabot.yml'] },
    'repo.secret-scanning': { outcome: 'fail' },
    'repo.sbom-signing': { outcome: 'fail' },
    ...NO_TF,
  },
};

describe('the repository checks on real repositories', () => {
  const cases = Object.entries(REPOSITORIES).flatMap(([repo, expected]) =>
    Object.entries(expected).map(([check, e]) => [repo, check, e] as const),
  );
  it.each(cases)('%s: %s is %o', async (repo, check, expected) => {
    const result = await runCheck(CHECKS[check]!, {}, {}, undefined, join(ROOT, 'test/fixtures/real-repos', repo));
    const found = [result.error ?? '', ...result.resources.map((r) => `${r.name}: ${r.detail}`)];
    expect(result.outcome, JSON.stringify(found)).toBe(expected.outcome);
    for (const m of expected.mentions ?? [])
      expect(
        found.some((f) => f.includes(m)),
        `"${m}" in ${JSON.stringify(found)}`,
      ).toBe(true);
  });
});
