import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isAlias, isMap, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import { InputError } from '../util/errors.js';
import { commandsOf, type Command } from './shell-commands.js';
import { gcsBackendsIn } from './hcl.js';

/** Where in the repository something was seen: the file and line a verdict rests on. */
export interface Place {
  file: string;
  line: number;
}

/** A step of a CI pipeline: the action it uses, or the commands it runs, and where. */
export interface CiStep extends Place {
  /** The step as written (its first line goes into evidence). */
  text: string;
  /** A GitHub Actions `uses:` reference without its version: `owner/repo[/path]`. */
  uses?: string;
  /** The commands it runs: a script's simple commands, or a Cloud Build step's entrypoint (or image) and args. */
  commands: Command[];
}

/** What the repository probes read, once, from the working tree. */
export interface RepoFacts {
  /** Whether anything the probes read is there at all (manifests, CI, Terraform, hooks, update configs). */
  isRepository: boolean;
  /** Package ecosystems present, by the manifests found (npm, gomod, docker, terraform, pip, …). */
  ecosystems: Record<string, Place>;
  dependabot?: { file: string; ecosystems: Record<string, Place> };
  renovate?: Place;
  preCommitHooks: (Place & { repo: string; id: string })[];
  ciSteps: CiStep[];
  terraformFiles: string[];
  gcsBackends: (Place & { bucket?: string })[];
}

const SKIP = new Set(['node_modules', '.git', 'dist', 'vendor', '.terraform', 'coverage', 'build']);
const MAX_FILES = 20_000;

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

async function walk(root: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (dir: string, depth: number) => {
    if (depth > 8 || files.length >= MAX_FILES) return;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) await visit(join(dir, entry.name), depth + 1);
      } else if (entry.isFile()) files.push(relative(root, join(dir, entry.name)));
    }
  };
  await visit(root, 0);
  return files.sort();
}

/** Aliases a file may expand to before it counts as an alias bomb (yaml's own default is 100). */
const MAX_ALIASES = 1000;

/**
 * Parses a YAML file with positions; a syntax error, or aliases that expand without bound, is bad input naming
 * the file and line (the repository check is then an error, never "no entries").
 */
function yamlOf(file: string, text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const pos = lineCounter.linePos(doc.errors[0]!.pos[0]);
    throw new InputError(`${file}:${pos.line}:${pos.col}: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  try {
    doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    let first: Node | undefined;
    visit(doc, { Alias: (_, node) => void (first ??= node) });
    const pos = lineCounter.linePos(first?.range?.[0] ?? 0);
    throw new InputError(
      `${file}:${pos.line}:${pos.col}: ${(error as Error).message.split('\n')[0]} (aliases expand to more than ${MAX_ALIASES} nodes)`,
    );
  }
  const line = (node: unknown) => lineCounter.linePos((node as Node | undefined)?.range?.[0] ?? 0).line;
  return { doc, line };
}

/** Every mapping under a YAML node, depth first, aliases followed (GitLab CI leans on anchors). */
function* maps(node: unknown, doc: import('yaml').Document): Generator<{ node: import('yaml').YAMLMap }> {
  if (isAlias(node)) yield* maps(node.resolve(doc), doc);
  else if (isMap(node)) {
    yield { node };
    for (const pair of node.items) yield* maps(pair.value, doc);
  } else if (isSeq(node)) for (const item of node.items) yield* maps(item, doc);
}

function scalarsOf(node: unknown): { value: string; node: Node }[] {
  if (isSeq(node)) return node.items.flatMap((i) => scalarsOf(i));
  const value = (node as { value?: unknown } | null)?.value;
  return typeof value === 'string' ? [{ value, node: node as Node }] : [];
}

/**
 * CI steps: GitHub Actions `uses` and `run`, GitLab `script` lines, and Cloud Build steps (the program is the
 * `entrypoint`, else the builder image's name; `bash -c SCRIPT` runs the script).
 */
function ciStepsOf(file: string, text: string): CiStep[] {
  const { doc, line } = yamlOf(file, text);
  const steps: CiStep[] = [];
  const cloudBuild = /cloudbuild/i.test(file);
  for (const { node } of maps(doc.contents, doc)) {
    const field = (name: string) =>
      node.items.find((p) => (p.key as { value?: unknown } | null)?.value === name)?.value;
    if (cloudBuild && field('name') !== undefined) {
      const image = scalarsOf(field('name'))[0];
      if (!image) continue;
      const entrypoint = scalarsOf(field('entrypoint'))[0]?.value;
      const args = scalarsOf(field('args')).map((s) => s.value);
      const program = (entrypoint ?? image.value.split('@')[0]!.split(':')[0]!).split('/').at(-1)!;
      const script = (program === 'bash' || program === 'sh') && args[0] === '-c' ? args[1] : undefined;
      const commands = script !== undefined ? commandsOf(script) : [{ program, args }];
      steps.push({ file, line: line(image.node), text: [entrypoint ?? image.value, ...args].join(' '), commands });
      continue;
    }
    for (const pair of node.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (key === 'uses') {
        for (const s of scalarsOf(pair.value))
          steps.push({
            file,
            line: line(s.node),
            text: s.value,
            uses: s.value.split('@')[0]!.toLowerCase(),
            commands: [],
          });
      } else if (key === 'run' || key === 'script') {
        for (const s of scalarsOf(pair.value))
          steps.push({ file, line: line(s.node), text: s.value, commands: commandsOf(s.value) });
      }
    }
  }
  return steps;
}

export async function scanRepository(root: string): Promise<RepoFacts> {
  if (!existsSync(root)) throw new InputError(`--repo ${root}: no such directory`);
  const files = await walk(root);
  const read = (file: string) => readFile(join(root, file), 'utf8');
  const facts: RepoFacts = {
    isRepository: false,
    ecosystems: {},
    preCommitHooks: [],
    ciSteps: [],
    terraformFiles: [],
    gcsBackends: [],
  };

  for (const file of files) {
    const base = file.split('/').at(-1)!;
    for (const [pattern, ecosystem] of MANIFESTS)
      if (pattern.test(base)) facts.ecosystems[ecosystem] ??= { file, line: 1 };
  }
  for (const file of files) {
    if (/^\.github\/dependabot\.ya?ml$/.test(file)) {
      const { doc, line } = yamlOf(file, await read(file));
      const ecosystems: Record<string, Place> = {};
      const updates = doc.get('updates', true);
      if (isSeq(updates)) {
        for (const item of updates.items) {
          const eco = isMap(item) ? item.get('package-ecosystem', true) : undefined;
          const value = (eco as { value?: unknown } | undefined)?.value;
          if (typeof value === 'string') ecosystems[value] = { file, line: line(eco) };
        }
      }
      facts.dependabot = { file, ecosystems };
    }
    if (/^(renovate\.json5?|\.renovaterc(\.json)?|\.github\/renovate\.json5?)$/.test(file))
      facts.renovate = { file, line: 1 };
    if (file === '.pre-commit-config.yaml') {
      const { doc, line } = yamlOf(file, await read(file));
      const repos = doc.get('repos', true);
      if (isSeq(repos)) {
        for (const repo of repos.items) {
          if (!isMap(repo)) continue;
          const url = String(repo.get('repo') ?? '');
          const hooks = repo.get('hooks', true);
          if (isSeq(hooks))
            for (const hook of hooks.items)
              if (isMap(hook))
                facts.preCommitHooks.push({ file, line: line(hook), repo: url, id: String(hook.get('id') ?? '') });
        }
      }
    }
    if (
      /^\.github\/workflows\/[^/]+\.ya?ml$/.test(file) ||
      /(^|\/)cloudbuild\.ya?ml$/.test(file) ||
      file === '.gitlab-ci.yml'
    ) {
      facts.ciSteps.push(...ciStepsOf(file, await read(file)));
    }
    if (file.endsWith('.tf')) {
      facts.terraformFiles.push(file);
      facts.gcsBackends.push(...(await gcsBackendsOf(file, await read(file))));
    }
  }
  facts.isRepository =
    Object.keys(facts.ecosystems).length > 0 ||
    facts.ciSteps.length > 0 ||
    facts.preCommitHooks.length > 0 ||
    !!facts.dependabot ||
    !!facts.renovate;
  return facts;
}

/** `terraform { backend "gcs" { bucket = "…" } }` blocks, with HCL's grammar (./hcl.ts). */
async function gcsBackendsOf(file: string, text: string): Promise<(Place & { bucket?: string })[]> {
  const parsed = await gcsBackendsIn(text);
  if ('error' in parsed) throw new InputError(`${file}:${parsed.error.line}:${parsed.error.column}: not valid HCL`);
  return parsed.backends.map((backend) => ({ file, ...backend }));
}
