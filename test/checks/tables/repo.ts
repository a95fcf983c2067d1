import type { CheckCase } from '../../helpers/check-table.js';
import dependencyUpdates from '../../../src/checks/repo/dependency-updates/check.js';
import sbomSigning from '../../../src/checks/repo/sbom-signing/check.js';
import secretScanning from '../../../src/checks/repo/secret-scanning/check.js';
import terraformBackend from '../../../src/checks/repo/terraform-backend/check.js';
import sqlInjectionAnalysis from '../../../src/checks/repo/sql-injection-analysis/check.js';
import terraformApplySerialized from '../../../src/checks/repo/terraform-apply-serialized/check.js';
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
/** A workflow with its own `on:` (YAML, indented by two) and one job's steps (each a YAML mapping's lines). */
const triggered = (on: string, steps: string[], job = '') => ({
  '.github/workflows/ci.yml': `on:\n${on}\njobs:\n  build:\n    runs-on: ubuntu-latest\n${job}    steps:\n${steps.map((s) => `      - ${s}\n`).join('')}`,
});
const GITLEAKS = 'uses: gitleaks/gitleaks-action@v2';
const GITLEAKS_HOOK = {
  '.pre-commit-config.yaml':
    'repos:\n  - repo: https://github.com/gitleaks/gitleaks\n    rev: v8.18.4\n    hooks:\n      - id: gitleaks\n',
};
const DETECT_SECRETS_HOOK = {
  '.pre-commit-config.yaml':
    'repos:\n  - repo: https://github.com/Yelp/detect-secrets\n    rev: v1.5.0\n    hooks:\n      - id: detect-secrets\n',
};
const gitlab = (text: string) => ({ '.gitlab-ci.yml': text });
/** The project's Cloud Build triggers in the global location, as the emulator and a snapshot hold them. */
const CLOUD_BUILD_TRIGGERS = 'cloudbuild.googleapis.com/v1/projects/acme-prod/locations/global/triggers';

/** An application with code: TypeScript and a Python tool. */
const service = { 'package.json': '{"name":"svc"}', 'src/db.ts': 'export {};\n', 'tools/migrate.py': 'print(1)\n' };
const goService = { 'go.mod': 'module svc\n', 'db/query.go': 'package db\n' };
/** CodeQL's starter workflow: on pushes and pull requests into main, a matrix of languages. */
const codeql = (languages: string, on = '  push:\n    branches: [main]\n  pull_request:\n    branches: [main]') => ({
  '.github/workflows/codeql.yml': `on:\n${on}\njobs:\n  analyze:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        language: ${languages}\n    steps:\n      - uses: actions/checkout@v4\n      - uses: github/codeql-action/init@v3\n        with:\n          languages: \${{ matrix.language }}\n      - uses: github/codeql-action/analyze@v3\n`,
});
/** A workflow that applies Terraform, with its `on:` and the job's extra keys (concurrency). */
const applyWorkflow = (on: string, job: string, command = 'terraform apply -auto-approve') => ({
  '.github/workflows/deploy.yml': `on:\n${on}\njobs:\n  apply:\n    runs-on: ubuntu-latest\n${job ? `    ${job}` : ''}    steps:\n      - run: terraform init\n      - run: ${command}\n`,
});

const tables: [CheckDefinition, CheckCase[]][] = [
  [
    sqlInjectionAnalysis,
    [
      {
        world: {},
        name: 'CodeQL on pull requests for the languages of a matrix, as the starter workflow writes it',
        files: { ...service, ...codeql("[ 'javascript', 'python' ]") },
        outcome: 'pass',
        verdicts: { 'javascript-typescript': 'pass', python: 'pass' },
        mentions: ['CodeQL: .github/workflows/codeql.yml', 'fails on Critical or High alerts by default'],
      },
      {
        world: {},
        name: 'CodeQL whose matrix leaves out a language of the repository',
        files: { ...service, ...codeql("[ 'javascript' ]") },
        outcome: 'fail',
        verdicts: { 'javascript-typescript': 'pass', python: 'fail' },
        mentions: ['no analysis with SQL-injection rules covers python on pull requests'],
      },
      {
        world: {},
        name: 'CodeQL only on pushes to main: it analyses after the merge',
        files: { ...service, ...codeql("[ 'javascript', 'python' ]", '  push:\n    branches: [main]') },
        outcome: 'fail',
        mentions: ['runs on push, not on pull-request'],
      },
      {
        world: {},
        name: 'CodeQL with upload: false reaches no pull request check',
        files: {
          ...service,
          ...triggered('  pull_request:', [
            'uses: github/codeql-action/init@v3',
            'uses: github/codeql-action/analyze@v3\n        with:\n          upload: false',
          ]),
        },
        outcome: 'fail',
        mentions: ['upload: false'],
      },
      {
        world: {},
        name: 'CodeQL whose queries come from a config file gtp does not read',
        files: {
          ...service,
          ...triggered('  pull_request:', [
            'uses: github/codeql-action/init@v3\n        with:\n          config-file: ./.github/codeql/config.yml',
            'uses: github/codeql-action/analyze@v3',
          ]),
        },
        outcome: 'error',
        mentions: ['config-file ./.github/codeql/config.yml'],
      },
      {
        world: {},
        name: 'semgrep ci with the SQL-injection ruleset',
        files: { ...service, ...triggered('  pull_request:', ['run: semgrep ci --config p/sql-injection']) },
        outcome: 'pass',
        mentions: ['Semgrep: .github/workflows/ci.yml'],
      },
      {
        world: {},
        name: 'semgrep scan without --error exits 0 on findings',
        files: { ...service, ...triggered('  pull_request:', ['run: semgrep scan --config p/sql-injection']) },
        outcome: 'fail',
        mentions: ['exits 0 on findings without --error'],
      },
      {
        world: {},
        name: "semgrep ci with the platform's policies: the rules are not in the repository",
        files: { ...service, ...triggered('  pull_request:', ['run: semgrep ci']) },
        outcome: 'error',
        mentions: ["Semgrep AppSec Platform's policies"],
      },
      {
        world: {},
        name: 'gosec -no-fail cannot fail the build',
        files: {
          ...goService,
          ...triggered('  pull_request:', ['run: gosec -no-fail ./...']),
        },
        outcome: 'fail',
        mentions: ['-no-fail: it cannot fail the build'],
      },
      {
        world: {},
        name: 'gosec and bandit each cover their language',
        files: {
          ...goService,
          'tools/report.py': 'print(1)\n',
          ...triggered('  pull_request:', ['run: gosec ./...', 'run: bandit -r tools']),
        },
        outcome: 'pass',
        verdicts: { go: 'pass', python: 'pass' },
        mentions: ['gosec (G201, G202)', 'Bandit (B608)'],
      },
      {
        world: {},
        name: 'bandit skipping B608 does not count; semgrep beside it does',
        files: {
          ...service,
          ...triggered('  pull_request:', ['run: bandit -r . -s B608', 'run: semgrep ci --config p/sql-injection']),
        },
        outcome: 'pass',
        verdicts: { python: 'pass' },
        mentions: ['Semgrep: .github/workflows/ci.yml'],
      },
      {
        world: {},
        name: 'GitLab: no analysis in the pipeline',
        files: { ...service, ...gitlab('test:\n  script:\n    - npm test\n') },
        outcome: 'fail',
        mentions: ['no CodeQL, Semgrep, gosec or Bandit step in CI'],
      },
      {
        world: {},
        name: "GitHub with no analysis in its workflows: CodeQL's default setup would be in the settings, unverified",
        files: { ...service, ...workflow('run: npm test') },
        outcome: 'error',
        mentions: ["CodeQL's default setup is configured in the repository's settings"],
      },
      {
        world: {},
        name: 'no source code',
        files: { 'package.json': '{}', 'infra/main.tf': 'locals {}\n' },
        outcome: 'not-applicable',
      },
    ],
  ],
  [
    terraformApplySerialized,
    [
      {
        world: {},
        name: 'apply on pushes to main in a fixed concurrency group',
        files: { ...app, ...applyWorkflow('  push:\n    branches: [main]', 'concurrency: terraform-prod\n') },
        outcome: 'pass',
        mentions: ['one at a time in group terraform-prod'],
      },
      {
        world: {},
        name: 'apply with no concurrency group',
        files: { ...app, ...applyWorkflow('  push:\n    branches: [main]', '') },
        outcome: 'fail',
        mentions: ['has a concurrency group: two runs can apply at once'],
      },
      {
        world: {},
        name: 'a concurrency group named by the run id serialises nothing',
        files: {
          ...app,
          ...applyWorkflow('  push:\n    branches: [main]', 'concurrency: tf-${{ github.run_id }}\n'),
        },
        outcome: 'fail',
        mentions: ['differs from run to run'],
      },
      {
        world: {},
        name: 'apply on pull requests: from every branch',
        files: { ...app, ...applyWorkflow('  pull_request:', 'concurrency: terraform-prod\n') },
        outcome: 'fail',
        mentions: ['pull-request runs are not the default branch'],
      },
      {
        world: {},
        name: 'apply with -lock=false',
        files: {
          ...app,
          ...applyWorkflow(
            '  push:\n    branches: [main]',
            'concurrency: terraform-prod\n',
            'terraform apply -auto-approve -lock=false',
          ),
        },
        outcome: 'fail',
        mentions: ['-lock=false: it writes state without taking the lock'],
      },
      {
        world: {},
        name: 'applies through Atlantis',
        files: { ...app, 'atlantis.yaml': 'version: 3\nprojects:\n  - dir: infra\n' },
        outcome: 'pass',
        mentions: ['applies go through Atlantis'],
      },
      {
        world: {},
        name: 'Atlantis with -lock=false in a custom workflow',
        files: {
          ...app,
          'atlantis.yaml':
            'version: 3\nworkflows:\n  custom:\n    apply:\n      steps:\n        - apply:\n            extra_args: ["-lock=false"]\n',
        },
        outcome: 'fail',
        mentions: ['passes -lock=false at atlantis.yaml:7'],
      },
      {
        world: {},
        name: 'GitLab: apply on the default branch in a resource group',
        files: {
          ...app,
          ...gitlab(
            'apply:\n  resource_group: production\n  rules:\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n  script:\n    - terraform apply -auto-approve\n',
          ),
        },
        outcome: 'pass',
        mentions: ['group production'],
      },
      {
        world: {},
        name: 'GitLab: a manual apply job is started by a person, on a branch the files do not say',
        files: {
          ...app,
          ...gitlab(
            'apply:\n  resource_group: production\n  when: manual\n  script:\n    - terraform apply -auto-approve\n',
          ),
        },
        outcome: 'error',
        mentions: ['no change starts it'],
      },
      {
        world: {},
        name: 'Terragrunt applying on pull requests',
        files: {
          ...app,
          ...applyWorkflow('  pull_request:', 'concurrency: terraform-prod\n', 'terragrunt run-all apply'),
        },
        outcome: 'fail',
        mentions: ['terragrunt run-all apply', 'pull-request runs are not the default branch'],
      },
      {
        world: {},
        name: 'no apply in CI and no Atlantis: applies from laptops',
        files: app,
        outcome: 'fail',
        mentions: ['no terraform apply in CI'],
      },
      {
        world: {},
        name: 'an apply in a remote reusable workflow gtp cannot read',
        files: {
          ...app,
          '.github/workflows/deploy.yml':
            'on:\n  push:\n    branches: [main]\njobs:\n  apply:\n    uses: acme/platform/.github/workflows/terraform.yml@v1\n',
        },
        outcome: 'error',
        mentions: ['reusable workflow acme/platform/.github/workflows/terraform.yml@v1 is not in the repository'],
      },
      { world: {}, name: 'no Terraform', files: { 'package.json': '{}' }, outcome: 'not-applicable' },
    ],
  ],
  [
    dependencyUpdates,
    [
      {
        world: {},
        name: 'Dependabot covers npm, docker and terraform',
        files: { ...app, ...dependabot('npm', 'docker', 'terraform') },
        outcome: 'pass',
        mentions: ['npm: package.json:1 updated by Dependabot (.github/dependabot.yml)'],
      },
      { world: {}, name: 'Renovate covers everything', files: { ...app, 'renovate.json': '{}' }, outcome: 'pass' },
      {
        world: {},
        name: 'Dependabot misses docker',
        files: { ...app, ...dependabot('npm', 'terraform') },
        outcome: 'fail',
        mentions: ['Dockerfile:1: no docker entry in .github/dependabot.yml'],
      },
      // Every location Renovate reads its config from (docs.renovatebot.com, "Configuration options").
      ...['.gitlab/renovate.json', '.renovaterc.json5', '.github/renovate.json5', '.renovaterc'].map(
        (file): CheckCase => ({
          world: {},
          name: `Renovate configured in ${file}`,
          files: { ...app, [file]: '{ extends: ["config:recommended"] }' },
          outcome: 'pass',
          mentions: [`Renovate (${file}; presets config:recommended not read)`],
        }),
      ),
      {
        world: {},
        name: "Renovate configured under package.json's renovate key",
        files: { ...app, 'package.json': '{"name":"app","renovate":{"extends":["config:recommended"]}}' },
        outcome: 'pass',
        mentions: ['Renovate (package.json'],
      },
      {
        world: {},
        name: 'Dependabot in .github/dependabot.yaml, with directories',
        files: {
          ...app,
          '.github/dependabot.yaml':
            'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n  - package-ecosystem: docker\n    directory: /\n  - package-ecosystem: terraform\n    directories: [/infra]\n',
        },
        outcome: 'pass',
      },
      // Updaters that are configured and switched off.
      {
        world: {},
        name: 'Dependabot with open-pull-requests-limit: 0 opens no version update',
        files: {
          ...app,
          '.github/dependabot.yml': `version: 2\nupdates:\n${['npm', 'docker', 'terraform'].map((e) => `  - package-ecosystem: ${e}\n    directory: /\n    open-pull-requests-limit: 0\n`).join('')}`,
        },
        outcome: 'fail',
        mentions: ['npm: package.json:1: .github/dependabot.yml:3: open-pull-requests-limit: 0 (version updates off)'],
      },
      {
        world: {},
        name: 'Dependabot ignoring every dependency',
        files: {
          ...app,
          ...dependabot('docker', 'terraform'),
          '.github/dependabot.yml': `version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    ignore:\n      - dependency-name: "*"\n${['docker', 'terraform'].map((e) => `  - package-ecosystem: ${e}\n    directory: /\n`).join('')}`,
        },
        outcome: 'fail',
        verdicts: { npm: 'fail', docker: 'pass', terraform: 'pass' },
        mentions: ['every dependency ignored'],
      },
      {
        world: {},
        name: "Dependabot ignoring only a dependency's major updates still updates",
        files: {
          ...app,
          '.github/dependabot.yml': `version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    ignore:\n      - dependency-name: "*"\n        update-types: ["version-update:semver-major"]\n${['docker', 'terraform'].map((e) => `  - package-ecosystem: ${e}\n    directory: /\n`).join('')}`,
        },
        outcome: 'pass',
      },
      {
        world: {},
        name: "Dependabot's npm entry watches another directory than the manifest's",
        files: {
          ...app,
          '.github/dependabot.yml': `version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /services/api\n${['docker', 'terraform'].map((e) => `  - package-ecosystem: ${e}\n    directory: /\n`).join('')}`,
        },
        outcome: 'fail',
        mentions: ["npm: package.json:1: no npm entry's directory covers /"],
      },
      {
        world: {},
        name: 'Renovate with "enabled": false',
        files: { ...app, 'renovate.json': '{ "enabled": false }' },
        outcome: 'fail',
        mentions: ['renovate.json: "enabled": false'],
      },
      {
        world: {},
        name: 'Renovate whose enabledManagers leave out Dockerfiles and Terraform',
        files: { ...app, 'renovate.json': '{ "enabledManagers": ["npm"] }' },
        outcome: 'fail',
        verdicts: { npm: 'pass', docker: 'fail', terraform: 'fail' },
      },
      {
        world: {},
        name: 'Renovate with a package rule that disables every package',
        files: { ...app, 'renovate.json5': '{ packageRules: [{ matchPackageNames: ["*"], enabled: false }] }' },
        outcome: 'fail',
        mentions: ['matches every package'],
      },
      {
        world: {},
        name: 'a manifest under test fixtures is not a shipped dependency',
        files: { 'test/fixtures/app/package.json': '{}', ...workflow('run: npm test') },
        outcome: 'not-applicable',
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
      // pre-commit hooks count where CI runs them on the change's files (pre-commit.com, "pre-commit run").
      {
        world: {},
        name: 'a detect-secrets hook that CI runs on every file (pre-commit run --all-files on pull requests)',
        files: {
          ...app,
          ...DETECT_SECRETS_HOOK,
          ...triggered('  pull_request:', ['uses: actions/checkout@v4', 'run: pre-commit run --all-files']),
        },
        outcome: 'pass',
        mentions: ['.pre-commit-config.yaml:5: hook detect-secrets, run by .github/workflows/ci.yml:'],
      },
      {
        world: {},
        name: 'a detect-secrets hook run by pre-commit/action (which passes --all-files)',
        files: { ...app, ...DETECT_SECRETS_HOOK, ...triggered('  pull_request:', ['uses: pre-commit/action@v3.0.1']) },
        outcome: 'pass',
      },
      {
        world: {},
        name: 'a detect-secrets hook that CI runs with plain pre-commit run is given no file (nothing is staged)',
        files: { ...app, ...DETECT_SECRETS_HOOK, ...triggered('  pull_request:', ['run: pre-commit run']) },
        outcome: 'fail',
        mentions: ['is given the staged files only by .github/workflows/ci.yml:'],
      },
      {
        world: {},
        name: 'a detect-secrets hook run by pre-commit.ci (its ci: section)',
        files: {
          ...app,
          '.pre-commit-config.yaml': `${DETECT_SECRETS_HOOK['.pre-commit-config.yaml']}ci:\n  autoupdate_schedule: monthly\n`,
        },
        outcome: 'pass',
        mentions: ['run on every file of each pull request by pre-commit.ci (.pre-commit-config.yaml:7)'],
      },
      {
        world: {},
        name: "gitleaks's published hook scans only the staged change: run by CI, it scans nothing",
        files: {
          ...app,
          ...GITLEAKS_HOOK,
          ...triggered('  pull_request:', ['uses: actions/checkout@v4', 'run: pre-commit run --all-files']),
        },
        outcome: 'fail',
        mentions: ['runs `gitleaks git --pre-commit --redact --staged --verbose`, which scans only the staged change'],
      },
      {
        world: {},
        name: 'a gitleaks hook whose entry is overridden with protect --staged, under pre-commit.ci',
        files: {
          ...app,
          '.pre-commit-config.yaml':
            'repos:\n  - repo: https://github.com/gitleaks/gitleaks\n    rev: v8.24.3\n    hooks:\n      - id: gitleaks\n        entry: gitleaks protect --verbose --redact --staged\n        pass_filenames: false\nci:\n  autofix_prs: false\n',
        },
        outcome: 'fail',
        mentions: ['scans only the staged change'],
      },
      {
        world: {},
        name: 'a local hook that runs gitleaks over the repository, run by CI',
        files: {
          ...app,
          '.pre-commit-config.yaml':
            'repos:\n  - repo: local\n    hooks:\n      - id: gitleaks-repo\n        name: gitleaks\n        entry: gitleaks detect --source . --verbose\n        language: system\n        pass_filenames: false\n',
          ...triggered('  push:', ['run: pre-commit run']),
        },
        outcome: 'pass',
      },
      {
        world: {},
        name: 'a detect-secrets hook alone runs only where a developer installed it',
        files: { ...app, ...DETECT_SECRETS_HOOK, ...workflow('run: npm test') },
        outcome: 'fail',
        mentions: ['hook detect-secrets runs only on machines that installed pre-commit'],
      },
      {
        world: {},
        name: 'a detect-secrets hook that pre-commit.ci is told to skip',
        files: {
          ...app,
          '.pre-commit-config.yaml': `${DETECT_SECRETS_HOOK['.pre-commit-config.yaml']}ci:\n  skip: [detect-secrets]\n`,
        },
        outcome: 'fail',
      },
      // Workflows that never run on a change (docs.github.com, "Events that trigger workflows").
      {
        world: {},
        name: 'a scan in a workflow that only runs by hand',
        files: { ...app, ...triggered('  workflow_dispatch:', [GITLEAKS]) },
        outcome: 'fail',
        mentions: ['runs on manual, not on push or pull-request'],
      },
      {
        world: {},
        name: 'a scan that only runs on a schedule',
        files: { ...app, ...triggered("  schedule:\n    - cron: '0 3 * * 1'", [GITLEAKS]) },
        outcome: 'fail',
        mentions: ['runs on schedule, not on push or pull-request'],
      },
      {
        world: {},
        name: 'a scan on pushes to another branch than the default',
        files: { ...app, ...triggered('  push:\n    branches: [develop]', [GITLEAKS]) },
        outcome: 'fail',
        mentions: ['on push to branches ["develop"], not main or master'],
      },
      {
        world: {},
        name: 'a scan on pushes of tags only ("won\'t run for events affecting the undefined Git ref")',
        files: { ...app, ...triggered("  push:\n    tags: ['v*']", [GITLEAKS]) },
        outcome: 'fail',
        mentions: ['on push of tags only, not of branches'],
      },
      {
        world: {},
        name: 'a scan on pull requests only when they are closed',
        files: { ...app, ...triggered('  pull_request:\n    types: [closed]', [GITLEAKS]) },
        outcome: 'fail',
        mentions: ['of types ["closed"] only'],
      },
      {
        world: {},
        name: 'a scan only when documentation changes',
        files: { ...app, ...triggered("  pull_request:\n    paths: ['docs/**']", [GITLEAKS]) },
        outcome: 'fail',
        mentions: ['only when a change touches ["docs/**"]'],
      },
      {
        world: {},
        name: 'a scan on pull requests into main (a branch filter the default branch passes)',
        files: { ...app, ...triggered("  pull_request:\n    branches: ['main', 'release/**']", [GITLEAKS]) },
        outcome: 'pass',
      },
      {
        world: {},
        name: 'a scan on the merge queue',
        files: { ...app, ...triggered('  merge_group:', [GITLEAKS]) },
        outcome: 'pass',
      },
      // Jobs and steps switched off, or unable to fail the build.
      {
        world: {},
        name: 'a scan in a job switched off with if: false',
        files: { ...app, ...triggered('  push:', [GITLEAKS], '    if: false\n') },
        outcome: 'fail',
        mentions: ['if: false is false on push'],
      },
      {
        world: {},
        name: 'a scan step switched off with if: ${{ false }}',
        files: { ...app, ...triggered('  push:', [`${GITLEAKS}\n        if: \${{ false }}`]) },
        outcome: 'fail',
      },
      {
        world: {},
        name: 'a scan step with continue-on-error: true cannot fail the build',
        files: { ...app, ...triggered('  push:', [`${GITLEAKS}\n        continue-on-error: true`]) },
        outcome: 'fail',
        mentions: ['cannot fail the build', 'continue-on-error: true'],
      },
      {
        world: {},
        name: 'a scan job with continue-on-error: true cannot fail the build',
        files: { ...app, ...triggered('  pull_request:', [GITLEAKS], '    continue-on-error: true\n') },
        outcome: 'fail',
        mentions: ['job build continue-on-error: true'],
      },
      {
        world: {},
        name: 'a scan that runs only when an earlier step failed',
        files: { ...app, ...triggered('  push:', ['run: npm test', `${GITLEAKS}\n        if: failure()`]) },
        outcome: 'fail',
      },
      {
        world: {},
        name: 'a scan job that runs only when started by hand, in a workflow that also runs on push',
        files: {
          ...app,
          ...triggered(
            '  push:\n  workflow_dispatch:',
            [GITLEAKS],
            "    if: github.event_name == 'workflow_dispatch'\n",
          ),
        },
        outcome: 'fail',
        mentions: ["if: github.event_name == 'workflow_dispatch' is false on push"],
      },
      {
        world: {},
        name: 'a scan guarded against forks (github.repository == …) runs in the repository itself',
        files: { ...app, ...triggered('  push:', [GITLEAKS], "    if: github.repository == 'acme/app'\n") },
        outcome: 'pass',
      },
      {
        world: {},
        name: 'a scan under a condition gtp cannot evaluate is unverified',
        files: { ...app, ...triggered('  push:', [`${GITLEAKS}\n        if: vars.SCAN == 'true'`]) },
        outcome: 'error',
        mentions: ["only if if: vars.SCAN == 'true'"],
      },
      // Steps reached through the repository's own reusable workflows and composite actions count.
      {
        world: {},
        name: 'a scan in a reusable workflow of the repository, called on pull requests',
        files: {
          ...app,
          '.github/workflows/ci.yml': 'on: pull_request\njobs:\n  secrets:\n    uses: ./.github/workflows/scan.yml\n',
          '.github/workflows/scan.yml': `on: workflow_call\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - ${GITLEAKS}\n`,
        },
        outcome: 'pass',
        mentions: ['.github/workflows/scan.yml:6'],
      },
      {
        world: {},
        name: 'a reusable workflow no one calls runs nothing',
        files: {
          ...app,
          ...workflow('run: npm test'),
          '.github/workflows/scan.yml': `on: workflow_call\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - ${GITLEAKS}\n`,
        },
        outcome: 'fail',
      },
      {
        world: {},
        name: 'a reusable workflow of another repository is unverified, never a pass',
        files: {
          ...app,
          '.github/workflows/ci.yml':
            'on: pull_request\njobs:\n  secrets:\n    uses: acme/workflows/.github/workflows/scan.yml@v1\n',
        },
        outcome: 'error',
        mentions: ['reusable workflow acme/workflows/.github/workflows/scan.yml@v1 is not in the repository'],
      },
      {
        world: {},
        name: 'a scan in a composite action of the repository',
        files: {
          ...app,
          ...triggered('  push:', ['uses: ./.github/actions/scan']),
          '.github/actions/scan/action.yml':
            'runs:\n  using: composite\n  steps:\n    - run: gitleaks detect --source .\n      shell: bash\n',
        },
        outcome: 'pass',
        mentions: ['.github/actions/scan/action.yml:4'],
      },
      {
        world: {},
        name: 'a workflow in a subdirectory of .github/workflows is never run by GitHub',
        files: {
          ...app,
          '.github/workflows/old/ci.yml': `on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - ${GITLEAKS}\n`,
        },
        outcome: 'fail',
      },
      // GitLab CI (docs.gitlab.com, "CI/CD YAML syntax reference").
      {
        world: {},
        name: 'GitLab: a job on merge request pipelines',
        files: {
          ...app,
          ...gitlab(
            'secrets:\n  script:\n    - gitleaks detect --source .\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n',
          ),
        },
        outcome: 'pass',
        mentions: ['.gitlab-ci.yml:3'],
      },
      {
        world: {},
        name: 'GitLab: a job whose script comes from a hidden template it extends',
        files: {
          ...app,
          ...gitlab('.scan:\n  script:\n    - gitleaks detect --source .\nsecrets:\n  extends: .scan\n'),
        },
        outcome: 'pass',
      },
      {
        world: {},
        name: 'GitLab: a hidden job is never run',
        files: { ...app, ...gitlab('.secrets:\n  script:\n    - gitleaks detect --source .\n') },
        outcome: 'fail',
      },
      {
        world: {},
        name: 'GitLab: a manual job waits for a person',
        files: { ...app, ...gitlab('secrets:\n  when: manual\n  script:\n    - gitleaks detect\n') },
        outcome: 'fail',
        mentions: ['when: manual'],
      },
      {
        world: {},
        name: 'GitLab: allow_failure: true cannot fail the pipeline',
        files: { ...app, ...gitlab('secrets:\n  allow_failure: true\n  script:\n    - gitleaks detect\n') },
        outcome: 'fail',
        mentions: ['allow_failure: true'],
      },
      {
        world: {},
        name: 'GitLab: a job only in scheduled pipelines',
        files: {
          ...app,
          ...gitlab(
            'secrets:\n  script:\n    - gitleaks detect\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "schedule"\n',
          ),
        },
        outcome: 'fail',
        mentions: ['not in pushes to the default branch (no rule matches)'],
      },
      {
        world: {},
        name: 'GitLab: a job behind a variable gtp cannot know is unverified',
        files: {
          ...app,
          ...gitlab('secrets:\n  script:\n    - gitleaks detect\n  rules:\n    - if: $RUN_SECRET_SCAN == "true"\n'),
        },
        outcome: 'error',
      },
      {
        world: {},
        name: 'GitLab: a job in a local include',
        files: {
          ...app,
          ...gitlab('include:\n  - local: ci/secrets.yml\n'),
          'ci/secrets.yml': 'secrets:\n  script:\n    - gitleaks detect\n',
        },
        outcome: 'pass',
        mentions: ['ci/secrets.yml:3'],
      },
      {
        world: {},
        name: 'GitLab: a template include gtp cannot read is unverified',
        files: { ...app, ...gitlab('include:\n  - template: Jobs/Secret-Detection.gitlab-ci.yml\n') },
        outcome: 'error',
        mentions: ['Jobs/Secret-Detection.gitlab-ci.yml'],
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
        mentions: ['signing: no release step signs with cosign'],
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
        name: 'Cloud Build alone, through bash -c: unverified until a trigger is known to run the file',
        files: {
          ...app,
          'cloudbuild.yaml':
            "steps:\n  - name: gcr.io/cloud-builders/docker\n    entrypoint: bash\n    args: ['-c', 'syft app -o spdx-json > sbom.json && cosign sign --yes app']\n",
        },
        outcome: 'error',
        mentions: ['no enabled trigger in global builds cloudbuild.yaml on changes'],
      },
      // Near misses: a mention is not a use, and installing cosign signs nothing.
      {
        world: {},
        name: 'a step that only mentions the tools',
        files: { ...app, ...workflow('run: echo "TODO add gitleaks, syft and cosign"') },
        outcome: 'fail',
        mentions: ['sbom: no release step generates an SBOM', 'signing: no release step signs with cosign'],
      },
      {
        world: {},
        name: 'cosign installed but never signing',
        files: {
          ...app,
          ...workflow('uses: anchore/sbom-action@v0', 'uses: sigstore/cosign-installer@v3', 'run: cosign version'),
        },
        outcome: 'fail',
        mentions: ['signing: no release step signs with cosign'],
      },
      {
        world: {},
        name: 'no image built',
        files: { 'package.json': '{}', ...workflow('run: npm test') },
        outcome: 'not-applicable',
      },
      // Cloud Build: a step counts where an enabled trigger of the project builds its file on changes
      // (cloud.google.com/build/docs/triggers; BuildTrigger in the cloudbuild v1 reference).
      ...(
        [
          [
            'a trigger on pushes to main',
            { github: { owner: 'acme', name: 'app', push: { branch: '^main$' } } },
            'pass',
            undefined,
          ],
          ['a trigger on tags', { github: { owner: 'acme', name: 'app', push: { tag: '^v.*' } } }, 'pass', undefined],
          [
            'a disabled trigger',
            { disabled: true, github: { push: { branch: '^main$' } } },
            'error',
            'trigger release is disabled',
          ],
          [
            'a trigger on pull requests only when a writer comments /gcbrun',
            { github: { pullRequest: { branch: '^main$', commentControl: 'COMMENTS_ENABLED' } } },
            'error',
            'only when a repository writer comments /gcbrun',
          ],
          [
            'a trigger on pushes to another branch',
            { github: { push: { branch: '^develop$' } } },
            'error',
            'builds pushes to branches matching "^develop$", not the default branch',
          ],
          [
            'a trigger for another file',
            { filename: 'deploy/cloudbuild.yaml', github: { push: { branch: '^main$' } } },
            'error',
            'no enabled trigger in global builds cloudbuild.yaml on changes',
          ],
        ] as const
      ).map(([what, trigger, outcome, mention]): CheckCase => ({
        world: {
          [CLOUD_BUILD_TRIGGERS]: [{ id: '7f3c', name: 'release', filename: 'cloudbuild.yaml', ...trigger }],
        },
        name: `Cloud Build with ${what}`,
        files: {
          ...app,
          'cloudbuild.yaml':
            "steps:\n  - name: gcr.io/cloud-builders/docker\n    entrypoint: bash\n    args: ['-c', 'syft app -o spdx-json > sbom.json && cosign sign --yes app']\n",
        },
        outcome,
        ...(mention ? { mentions: [mention] } : {}),
      })),
      // The pipeline that builds what is released, not a test that signs a demo image.
      {
        world: {},
        name: 'signing only in an end-to-end test on pull requests is not the release signing',
        files: {
          ...app,
          '.github/workflows/release.yml':
            "on:\n  push:\n    tags: ['v*']\njobs:\n  r:\n    runs-on: x\n    steps:\n      - run: syft app -o spdx-json\n",
          '.github/workflows/e2e.yml':
            'on: pull_request\njobs:\n  e2e:\n    runs-on: x\n    steps:\n      - run: cosign sign --yes demo-image\n',
        },
        outcome: 'fail',
        verdicts: { sbom: 'pass', signing: 'fail' },
        mentions: [
          '.github/workflows/e2e.yml:6 (cosign sign --yes demo-image) runs on pull-request, not on release or push',
        ],
      },
      {
        world: {},
        name: 'syft and cosign on published releases',
        files: {
          ...app,
          ...triggered('  release:\n    types: [published]', [
            'run: syft app -o spdx-json',
            'run: cosign sign --yes app',
          ]),
        },
        outcome: 'pass',
      },
      {
        world: {},
        name: 'goreleaser on tags, its configuration declaring sboms and docker_signs (cosign by default)',
        files: {
          'go.mod': 'module example.com/app\n',
          '.goreleaser.yml':
            'builds:\n  - main: .\nsboms:\n  - artifacts: archive\ndocker_signs:\n  - artifacts: all\n',
          ...triggered("  push:\n    tags: ['v*']", [
            'uses: goreleaser/goreleaser-action@v6\n        with:\n          args: release --clean',
          ]),
        },
        outcome: 'pass',
        mentions: ['configured at .goreleaser.yml:4', 'configured at .goreleaser.yml:6'],
      },
      {
        world: {},
        name: 'goreleaser --snapshot publishes and signs nothing',
        files: {
          'go.mod': 'module example.com/app\n',
          '.goreleaser.yml': 'sboms:\n  - artifacts: archive\ndocker_signs:\n  - artifacts: all\n',
          ...triggered('  push:', ['run: goreleaser release --snapshot --clean']),
        },
        outcome: 'fail',
      },
      {
        world: {},
        name: 'goreleaser signs with gpg unless its cmd says cosign',
        files: {
          'go.mod': 'module example.com/app\n',
          '.goreleaser.yaml': 'sboms:\n  - artifacts: archive\nsigns:\n  - artifacts: checksum\n',
          ...triggered("  push:\n    tags: ['v*']", ['run: goreleaser release --clean']),
        },
        outcome: 'fail',
        verdicts: { sbom: 'pass', signing: 'fail' },
      },
      {
        world: {},
        name: "goreleaser run through the repository's own make target and script, on tags",
        files: {
          'go.mod': 'module example.com/app\n',
          Makefile:
            '.PHONY: release\nrelease: sbom\n\tLDFLAGS="-s" goreleaser release --clean\n\nsbom:\n\t./scripts/sign.sh\n',
          'scripts/sign.sh': '#!/bin/sh\nset -e\ncosign sign --yes "$IMAGE"\n',
          '.goreleaser.yml': 'sboms:\n  - artifacts: archive\n',
          ...triggered("  push:\n    tags: ['v*']", ['run: make release']),
        },
        outcome: 'pass',
        mentions: [
          'sbom: .github/workflows/ci.yml:8: make release, through Makefile:2 (make release), configured at .goreleaser.yml:2',
          'signing: .github/workflows/ci.yml:8: make release, through scripts/sign.sh',
        ],
      },
      {
        world: {},
        name: 'a goreleaser configuration that no pipeline runs',
        files: { 'go.mod': 'module example.com/app\n', '.goreleaser.yml': 'sboms:\n  - artifacts: archive\n' },
        outcome: 'fail',
      },
      {
        world: {},
        name: 'ko attaches an SBOM to what it builds, unless --sbom=none',
        files: {
          ...app,
          ...triggered('  push:', ['run: ko build ./cmd/app', 'run: cosign sign --yes app']),
        },
        outcome: 'pass',
      },
      {
        world: {},
        name: 'ko with --sbom=none',
        files: {
          ...app,
          ...triggered('  push:', ['run: ko build --sbom=none ./cmd/app', 'run: cosign sign --yes app']),
        },
        outcome: 'fail',
        verdicts: { sbom: 'fail', signing: 'pass' },
      },
      {
        world: {},
        name: 'a Cloud Build step with allowFailure: true cannot fail the build',
        files: {
          ...app,
          'cloudbuild.yaml': "steps:\n  - name: anchore/syft\n    args: ['app']\n    allowFailure: true\n",
          ...workflow('run: cosign sign --yes app'),
        },
        outcome: 'fail',
        mentions: ['cloudbuild.yaml:2: allowFailure: true'],
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
