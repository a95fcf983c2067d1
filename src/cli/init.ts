import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { InputError } from '../util/errors.js';
import { EXIT } from './exit-codes.js';
import { packagePath } from './paths.js';

const FILES = [
  { target: 'risks.yaml', source: 'risks.yaml' },
  { target: '.github/workflows/gtp-audit.yml', source: 'templates/ci/github-actions.yml' },
];

/** Starts a repository on gtp: the seed's register with its checks, and a CI workflow that audits it. */
export async function initCommand(options: { dir: string; force?: boolean }): Promise<number> {
  const existing = FILES.map((f) => join(options.dir, f.target)).filter((path) => existsSync(path));
  if (existing.length > 0 && !options.force) {
    throw new InputError(`refusing to overwrite ${existing.join(', ')} (use --force)`);
  }
  for (const file of FILES) {
    const path = join(options.dir, file.target);
    await writeFileAtomic(path, await readFile(packagePath(file.source), 'utf8'));
    process.stdout.write(`wrote ${path}\n`);
  }
  process.stdout.write('next: set `project:` and `resources:` in risks.yaml, then run `gtp doctor` and `gtp audit`\n');
  return EXIT.OK;
}
