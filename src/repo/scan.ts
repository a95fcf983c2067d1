import { existsSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../util/errors.js';
import { compareText } from '../util/text.js';
import { buildScriptExpander } from './build-scripts.js';
import { cloudBuild } from './ci/cloud-build.js';
import { defaultBranchOf, type DefaultBranch } from './ci/default-branch.js';
import { githubActions } from './ci/github-actions.js';
import { gitlabCi } from './ci/gitlab-ci.js';
import type { CiStep, Opaque, Place } from './ci/model.js';
import { GORELEASER_FILES, goreleaserOf, type GoreleaserFacts } from './goreleaser.js';
import { gcsBackendsIn } from './hcl.js';
import { preCommitOf, type PreCommitFacts } from './pre-commit.js';
import { dependabotOf, type DependabotFacts } from './updaters/dependabot.js';
import { RENOVATE_FILES, renovateOf, type RenovateFacts } from './updaters/renovate.js';

export type { CiStep, Opaque, Place };

/** What the repository probes read, once, from the working tree. */
export interface RepoFacts {
  /** Whether anything the probes read is there at all (manifests, CI, Terraform, hooks, update configs). */
  isRepository: boolean;
  defaultBranch: DefaultBranch;
  /** Package manifests by ecosystem (npm, gomod, docker, terraform, pip, …), every one, in path order. */
  manifests: Record<string, Place[]>;
  /** Files that build release artifacts without a Dockerfile: goreleaser and ko configurations. */
  releaseBuilds: Place[];
  dependabot?: DependabotFacts;
  renovate?: RenovateFacts;
  preCommit?: PreCommitFacts;
  goreleaser: GoreleaserFacts[];
  /** Every CI step, with when it runs and whether it can fail the build. */
  ciSteps: CiStep[];
  /** Where CI runs steps gtp cannot read (a remote reusable workflow, a remote include). */
  opaque: Opaque[];
  /** Source files by the CodeQL language that analyses them: how many, and the first (for evidence). */
  sourceLanguages: Record<string, { files: number; first: string }>;
  terraformFiles: string[];
  gcsBackends: (Place & { bucket?: string })[];
  /**
   * An Atlantis repo-level configuration (atlantis.yaml), where applies go through Atlantis's locks, with the lines
   * that pass -lock=false to Terraform (in a custom workflow's steps or extra_args).
   */
  atlantis?: Place & { lockFalse: Place[] };
  /** Files a probe would read that were too large to read whole, and are judged as unread. */
  unread: string[];
}

/**
 * Trees that hold other people's code or build output: the walk does not enter them. A symbolic link is never
 * followed (it may lead out of the repository).
 */
const SKIP = new Set(['node_modules', '.git', 'dist', 'vendor', '.terraform', 'coverage', 'build', 'third_party']);
/** A file the probes read is read whole only up to this size: past it, it is named as unread. */
export const MAX_FILE_BYTES = 1024 * 1024;

const MANIFESTS: [RegExp, string][] = [
  [/^package\.json$/, 'npm'],
  [/^go\.mod$/, 'gomod'],
  [/^(Dockerfile|.*\.Dockerfile|Containerfile)$/, 'docker'],
  [/\.tf$/, 'terraform'],
  [/^(requirements.*\.txt|pyproject\.toml|Pipfile)$/, 'pip'],
  [/^pom\.xml$/, 'maven'],
  [/^(build\.gradle|build\.gradle\.kts)$/, 'gradle'],
  [/^Gemfile$/, 'bundler'],
  [/^Cargo\.toml$/, 'cargo'],
  [/^composer\.json$/, 'composer'],
];

/**
 * Source file extensions by the CodeQL language that analyses them (CodeQL's supported languages and their
 * identifiers: c-cpp, csharp, go, java-kotlin, javascript-typescript, python, ruby, swift).
 */
const SOURCE_LANGUAGES: [RegExp, string][] = [
  [/\.(c|cc|cpp|cxx|h|hh|hpp)$/, 'c-cpp'],
  [/\.cs$/, 'csharp'],
  [/\.go$/, 'go'],
  [/\.(java|kt|kts)$/, 'java-kotlin'],
  [/\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)$/, 'javascript-typescript'],
  [/\.py$/, 'python'],
  [/\.rb$/, 'ruby'],
  [/\.swift$/, 'swift'],
];

/** Every regular file below `root`, as paths relative to it, in code-unit order. */
async function walk(root: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (dir: string, prefix: string) => {
    const found = await readdir(dir, { withFileTypes: true });
    await Promise.all(
      found.map(async (entry) => {
        if (entry.isDirectory()) {
          if (!SKIP.has(entry.name)) await visit(join(dir, entry.name), `${prefix}${entry.name}/`);
        } else if (entry.isFile()) files.push(`${prefix}${entry.name}`);
      }),
    );
  };
  await visit(root, '');
  return files.sort(compareText);
}

export async function scanRepository(root: string, env: NodeJS.ProcessEnv = process.env): Promise<RepoFacts> {
  if (!existsSync(root)) throw new InputError(`--repo ${root}: no such directory`);
  const files = await walk(root);
  const present = new Set(files);
  const unread: string[] = [];
  /** A file's text; undefined where it is not there, or too large to read whole (then named in `unread`). */
  const read = async (file: string): Promise<string | undefined> => {
    if (!present.has(file)) return undefined;
    const handle = await open(join(root, file), 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_FILE_BYTES) {
        unread.push(file);
        return undefined;
      }
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  };
  /** A configuration file a verdict rests on: too large to read is bad input, never "not there". */
  const readConfig = async (file: string): Promise<string | undefined> => {
    const source = await read(file);
    if (source === undefined && unread.includes(file))
      throw new InputError(`${file}: larger than ${MAX_FILE_BYTES} bytes, not read`);
    return source;
  };

  const manifests: Record<string, Place[]> = {};
  const releaseBuilds: Place[] = [];
  const sourceLanguages: RepoFacts['sourceLanguages'] = {};
  for (const file of files) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    const language = SOURCE_LANGUAGES.find(([pattern]) => pattern.test(base) && !base.endsWith('.d.ts'))?.[1];
    if (language) {
      const seen = (sourceLanguages[language] ??= { files: 0, first: file });
      seen.files++;
    }
    for (const [pattern, ecosystem] of MANIFESTS)
      if (pattern.test(base)) (manifests[ecosystem] ??= []).push({ file, line: 1 });
    if (GORELEASER_FILES.includes(base) || base === '.ko.yaml') releaseBuilds.push({ file, line: 1 });
  }

  const defaultBranch = await defaultBranchOf(root, env);
  const dependabotFile = ['.github/dependabot.yml', '.github/dependabot.yaml'].find((f) => present.has(f));
  const dependabot = dependabotFile ? dependabotOf(dependabotFile, (await readConfig(dependabotFile))!) : undefined;
  let renovate: RenovateFacts | undefined;
  for (const file of RENOVATE_FILES) {
    const source = await readConfig(file);
    renovate = source === undefined ? undefined : renovateOf(file, source);
    if (renovate) break;
  }
  const preCommitSource = await readConfig('.pre-commit-config.yaml');
  const preCommit = preCommitSource === undefined ? undefined : preCommitOf('.pre-commit-config.yaml', preCommitSource);
  const goreleaser: GoreleaserFacts[] = [];
  for (const place of releaseBuilds.filter((p) => GORELEASER_FILES.some((g) => p.file.endsWith(g))))
    goreleaser.push(goreleaserOf(place.file, (await readConfig(place.file))!));

  const workflows = files.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f));
  const github = await githubActions(workflows, readConfig, defaultBranch);
  const gitlab = await gitlabCi(readConfig, defaultBranch);
  const cloudBuilds = [];
  for (const file of files.filter((f) => /(^|\/)cloudbuild\.ya?ml$/.test(f)))
    cloudBuilds.push(cloudBuild(file, (await readConfig(file))!));

  const terraformFiles = files.filter((f) => f.endsWith('.tf'));
  const gcsBackends: RepoFacts['gcsBackends'] = [];
  for (const file of terraformFiles) {
    const source = await read(file);
    if (source !== undefined) gcsBackends.push(...(await gcsBackendsOf(file, source)));
  }

  // Atlantis reads its repo-level configuration from atlantis.yaml at the repository's root.
  const atlantisText = await readConfig('atlantis.yaml');
  const atlantis =
    atlantisText === undefined
      ? undefined
      : {
          file: 'atlantis.yaml',
          line: 1,
          lockFalse: atlantisText
            .split('\n')
            .flatMap((text, i) => (/-lock=false\b/.test(text) ? [{ file: 'atlantis.yaml', line: i + 1 }] : [])),
        };

  const ciSteps = [...github.steps, ...gitlab.steps, ...cloudBuilds.flatMap((c) => c.steps)];
  // A step that calls the repository's own Makefile targets or scripts runs what they hold.
  const expand = buildScriptExpander(read);
  for (const step of ciSteps) step.commands = await expand(step.commands);
  const opaque = [...github.opaque, ...gitlab.opaque];
  return {
    isRepository:
      Object.keys(manifests).length > 0 ||
      ciSteps.length > 0 ||
      opaque.length > 0 ||
      (preCommit?.hooks.length ?? 0) > 0 ||
      !!dependabot ||
      !!renovate,
    defaultBranch,
    manifests,
    releaseBuilds,
    ...(dependabot ? { dependabot } : {}),
    ...(renovate ? { renovate } : {}),
    ...(preCommit ? { preCommit } : {}),
    goreleaser,
    ciSteps,
    opaque,
    sourceLanguages,
    terraformFiles,
    gcsBackends,
    ...(atlantis ? { atlantis } : {}),
    unread,
  };
}

/** `terraform { backend "gcs" { bucket = "…" } }` blocks, with HCL's grammar (./hcl.ts). */
async function gcsBackendsOf(file: string, text: string): Promise<(Place & { bucket?: string })[]> {
  const parsed = await gcsBackendsIn(text);
  if ('error' in parsed) throw new InputError(`${file}:${parsed.error.line}:${parsed.error.column}: not valid HCL`);
  return parsed.backends.map((backend) => ({ file, ...backend }));
}
