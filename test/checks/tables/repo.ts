import type { CheckCase } from '../../helpers/check-table.js';
import dependencyUpdates from '../../../src/checks/repo/dependency-updates/check.js';
import sbomSigning from '../../../src/checks/repo/sbom-signing/check.js';
import secretScanning from '../../../src/checks/repo/secret-scanning/check.js';
import terraformBackend from '../../../src/checks/repo/terraform-backend/check.js';
import type { CheckDefinition } from '../../../src/checks/types.js';

const app = {
  'package.json': '{"name":"app"}',
  Dockerfile: 'FROM node:20\n',
  'infra/main.tf': 'resource "google_storage_bucket" "b" {\n  name = "x"\n  location = "US"\n}\n',
};
const dependabot = (...ecosystems: string[]) => ({
  '.github/dependabot.yml': `version: 2\nupdates:\n${ecosystems.map((e) => `  - package-ecosystem: ${e}\n    directory: /\n    schedule:\n      interval: weekly\n`).join('')}`,
});
/** A billion laughs: each line an alias list of the one before, nine times over. */
const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  '',
].join('\n');

const workflow = (...steps: string[]) => ({
  '.github/workflows/ci.yml': `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map((s) => `      - ${s}\n`).join('')}`,
});

const tables: [CheckDefinition, CheckCase[]][] = [
  [
    dependencyUpdates,
    [
      {
        world: {},
        name: 'Dependabot covers npm, docker and terraform',
        files: { ...app, ...dependabot('npm', 'docker', 'terraform') },
        outcome: 'pass',
        mentions: ['package.json:1 updated by Dependabot (.github/dependabot.yml:3)'],
      },
      { world: {}, name: 'Renovate covers everything', files: { ...app, 'renovate.json': '{}' }, outcome: 'pass' },
      {
        world: {},
        name: 'Dependabot misses docker',
        files: { ...app, ...dependabot('npm', 'terraform') },
        outcome: 'fail',
        mentions: ['Dockerfile:1: no Dependabot updates entry for docker'],
      },
      {
        world: {},
        name: 'no manifests at all',
        files: { 'README.md': '# docs', ...workflow('run: echo hi') },
        outcome: 'not-applicable',
      },
      { world: {}, name: 'an empty directory', files: {}, outcome: 'not-applicable' },
      {
        world: {},
        name: 'an alias bomb in dependabot.yml is an error naming its line, not "no entries"',
        files: { ...app, '.github/dependabot.yml': `version: 2\n${ALIAS_BOMB}updates: []\n` },
        outcome: 'error',
        mentions: ['.github/dependabot.yml:3', 'aliases expand to more than 1000 nodes'],
      },
      {
        world: {},
        name: 'a malformed dependabot.yml names its line',
        files: { ...app, '.github/dependabot.yml': 'version: 2\nupdates: [\n' },
        outcome: 'error',
        mentions: ['.github/dependabot.yml:3'],
      },
    ],
  ],
  [
    secretScanning,
    [
      {
        world: {},
        name: 'a gitleaks pre-commit hook',
        files: {
          ...app,
          '.pre-commit-config.yaml':
            'repos:\n  - repo: https://github.com/gitleaks/gitleaks\n    rev: v8.18.4\n    hooks:\n      - id: gitleaks\n',
        },
        outcome: 'pass',
        mentions: ['.pre-commit-config.yaml:5'],
      },
      {
        world: {},
        name: 'trufflehog in CI',
        files: { ...app, ...workflow('uses: trufflesecurity/trufflehog@v3') },
        outcome: 'pass',
      },
      {
        world: {},
        name: 'gitleaks run by a script after an assignment',
        files: {
          ...app,
          ...workflow('run: |\n          set -e\n          GITLEAKS_CONFIG=.gitleaks.toml gitleaks detect --source .'),
        },
        outcome: 'pass',
        mentions: ['set -e'],
      },
      // Near misses: a mention is not a use.
      {
        world: {},
        name: 'a step that only mentions the scanners',
        files: { ...app, ...workflow('run: echo "TODO add gitleaks, syft and cosign"') },
        outcome: 'fail',
      },
      {
        world: {},
        name: 'an action named like a scanner',
        files: { ...app, ...workflow('uses: someone/gitleaks-lookalike@v1') },
        outcome: 'fail',
      },
      {
        world: {},
        name: 'a scanner installed but never run',
        files: { ...app, ...workflow('run: npm install --global trufflehog-report && echo gitleaks') },
        outcome: 'fail',
      },
      {
        world: {},
        name: 'pre-commit without a secret scanner',
        files: {
          ...app,
          '.pre-commit-config.yaml':
            'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n    hooks:\n      - id: trailing-whitespace\n',
        },
        outcome: 'fail',
      },
      { world: {}, name: 'an empty directory', files: {}, outcome: 'not-applicable' },
      {
        world: {},
        name: 'a malformed workflow',
        files: { ...app, '.github/workflows/ci.yml': 'jobs: {\n' },
        outcome: 'error',
        mentions: ['.github/workflows/ci.yml'],
      },
    ],
  ],
  [
    sbomSigning,
    [
      {
        world: {},
        name: 'syft and cosign in CI',
        files: {
          ...app,
          ...workflow('run: syft app:latest -o cyclonedx-json > sbom.json', 'run: cosign sign --yes app:latest'),
        },
        outcome: 'pass',
      },
      {
        world: {},
        name: 'an SBOM but no signature',
        files: { ...app, ...workflow('uses: anchore/sbom-action@v0') },
        outcome: 'fail',
        mentions: ['no CI step signs images with cosign'],
      },
      {
        world: {},
        name: 'Cloud Build signing and npm sbom',
        files: {
          ...app,
          'cloudbuild.yaml':
            "steps:\n  - name: node:20\n    entrypoint: npm\n    args: ['sbom', '--sbom-format', 'cyclonedx']\n  - name: gcr.io/projectsigstore/cosign\n    args: ['sign', '--yes', 'app']\n",
          ...workflow('run: npm sbom --sbom-format cyclonedx', 'run: cosign sign --yes app'),
        },
        outcome: 'pass',
      },
      {
        world: {},
        name: 'Cloud Build alone, through bash -c',
        files: {
          ...app,
          'cloudbuild.yaml':
            "steps:\n  - name: gcr.io/cloud-builders/docker\n    entrypoint: bash\n    args: ['-c', 'syft app -o spdx-json > sbom.json && cosign sign --yes app']\n",
        },
        outcome: 'pass',
      },
      // Near misses: a mention is not a use, and installing cosign signs nothing.
      {
        world: {},
        name: 'a step that only mentions the tools',
        files: { ...app, ...workflow('run: echo "TODO add gitleaks, syft and cosign"') },
        outcome: 'fail',
        mentions: ['no CI step generates an SBOM', 'no CI step signs images with cosign'],
      },
      {
        world: {},
        name: 'cosign installed but never signing',
        files: {
          ...app,
          ...workflow('uses: anchore/sbom-action@v0', 'uses: sigstore/cosign-installer@v3', 'run: cosign version'),
        },
        outcome: 'fail',
        mentions: ['no CI step signs images with cosign'],
      },
      {
        world: {},
        name: 'no image built',
        files: { 'package.json': '{}', ...workflow('run: npm test') },
        outcome: 'not-applicable',
      },
      {
        world: {},
        name: 'a malformed cloudbuild.yaml',
        files: { ...app, 'cloudbuild.yaml': 'steps: [\n' },
        outcome: 'error',
      },
    ],
  ],
  [
    terraformBackend,
    [
      {
        world: {},
        name: 'a gcs backend with its bucket',
        files: { ...app, 'infra/backend.tf': 'terraform {\n  backend "gcs" {\n    bucket = "acme-tfstate"\n  }\n}\n' },
        outcome: 'pass',
        mentions: ['infra/backend.tf:2', 'bucket acme-tfstate'],
      },
      { world: {}, name: 'local state', files: app, outcome: 'fail', mentions: ['state is local'] },
      {
        world: {},
        name: 'a gcs backend whose bucket is computed, in a file with other blocks',
        files: {
          ...app,
          'infra/main.tf':
            'variable "env" {}\n\nterraform {\n  required_version = ">= 1.5"\n  backend "gcs" {\n    bucket = "acme-${var.env}"\n  }\n}\n',
        },
        outcome: 'pass',
        mentions: ['infra/main.tf:5'],
      },
      {
        world: {},
        name: 'a backend of another kind (s3) is not a gcs backend',
        files: { ...app, 'infra/main.tf': 'terraform {\n  backend "s3" {\n    bucket = "b"\n  }\n}\n' },
        outcome: 'fail',
      },
      { world: {}, name: 'no Terraform', files: { 'package.json': '{}' }, outcome: 'not-applicable' },
      {
        world: {},
        name: 'unparseable HCL',
        files: { ...app, 'infra/broken.tf': 'terraform {\n  backend "gcs" {\n' },
        outcome: 'error',
        mentions: ['infra/broken.tf:3:1: not valid HCL'],
      },
    ],
  ],
];

export default tables;
