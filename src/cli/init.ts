import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECK_IDS } from '../checks/index.js';
import { parseRegisterWithProbes } from '../matrix/load.js';
import { fromProject, fromRepository } from '../setup/discover.js';
import { findProject } from '../setup/find-project.js';
import { registerText, type Discovered } from '../setup/init-register.js';
import { writeFilesAtomic } from '../util/atomic-write.js';
import type { Clock } from '../util/clock.js';
import { InputError } from '../util/errors.js';
import { progress } from './diagnostics.js';
import { EXIT } from './exit-codes.js';
import { openLive } from './gcp-session.js';
import { warn } from './output.js';
import { packagePath } from './paths.js';

const REGISTER = 'risks.yaml';
const STARTER_PROBES = 'examples/probes/risks.yaml';
const WORKFLOW = { target: '.github/workflows/gtp-audit.yml', source: 'templates/ci/github-actions.yml' };

export interface InitOptions {
  dir: string;
  force?: boolean;
  project?: string;
  /** Add the starter probes (examples/probes) to the register, for mitigations to name. */
  withProbes?: boolean;
}

/**
 * The starter probes' `probes:` section, after a comment saying how a probe is put to work: a probe runs when a
 * mitigation names it in its checks.
 */
async function starterProbes(): Promise<string> {
  const text = await readFile(packagePath(STARTER_PROBES), 'utf8');
  const start = text.search(/^probes:$/m);
  if (start < 0) throw new Error(`${STARTER_PROBES} has no probes: section`);
  return `\n# Starter probes (${STARTER_PROBES}): a probe runs once a mitigation names it, as in\n#   checks: [example.bucket-uniform-access]\n${text.slice(start)}`;
}

/**
 * Starts a repository on gtp: a register filled in from what the repository and the project show (the Terraform
 * state bucket, the buckets that keep backups, the project itself), and a CI workflow that audits it. The project is
 * read only when one is found and its credentials work; otherwise the register says which lines to fill in.
 */
export async function initCommand(options: InitOptions, clock: Clock): Promise<number> {
  const targets = [REGISTER, WORKFLOW.target].map((f) => join(options.dir, f));
  const existing = targets.filter((path) => existsSync(path));
  if (existing.length > 0 && !options.force)
    throw new InputError(`refusing to overwrite ${existing.join(', ')} (use --force)`);

  const project = await findProject({ flag: options.project });
  const discovered: Discovered = { ...(await fromRepository(options.dir)), ...(project ? { project } : {}) };
  if (project) {
    progress(`reading ${project.id} (from ${project.from}), read-only`);
    const session = await openLive(project.id);
    try {
      const { live, why } = await fromProject(session.source, project, options.dir, clock.now());
      if (live) discovered.live = live;
      else warn(`could not read ${project.id}: ${why ?? 'no answer'}; resources: comes from the repository alone`);
    } finally {
      await session.close();
    }
  }
  const text =
    registerText(await readFile(packagePath(REGISTER), 'utf8'), discovered) +
    (options.withProbes ? await starterProbes() : '');
  // What init writes must be a register gtp accepts, its probes' conditions included: checked before anything is written.
  const { register } = await parseRegisterWithProbes(text, REGISTER, { knownChecks: CHECK_IDS });
  await writeFilesAtomic([
    { path: targets[0]!, content: text },
    { path: targets[1]!, content: await readFile(packagePath(WORKFLOW.source), 'utf8') },
  ]);
  for (const path of targets) process.stdout.write(`wrote ${path}\n`);
  process.stdout.write(`${summary(discovered).join('\n')}\n`);
  if (options.withProbes)
    process.stdout.write(
      `probes: ${register.probes.length} starter probes added (${STARTER_PROBES}); name one in a mitigation's checks to run it\n`,
    );
  return EXIT.OK;
}

/** What was filled in and from where, and what is left to fill in. */
function summary(found: Discovered): string[] {
  const lines: string[] = [];
  lines.push(
    found.project
      ? `project: ${found.project.id} (from ${found.project.from})`
      : 'project: not found: set `project:` in risks.yaml, or pass --project, GOOGLE_CLOUD_PROJECT or `gcloud config set project`',
  );
  lines.push(
    found.stateBucket
      ? `state bucket: ${found.stateBucket.name} (from ${found.stateBucket.from})`
      : 'state bucket: no Terraform gcs backend in the repository: fill in resources.terraformStateBucket',
  );
  if (found.live) {
    lines.push(`backup buckets found: ${found.live.backupBuckets.length}`);
    for (const u of found.live.unreadable) lines.push(`not read: ${u}`);
  }
  lines.push('next: `gtp doctor`, then `gtp audit`');
  return lines;
}
