import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { remediationFiles } from '../terraform/render.js';
import { guardrailFiles } from '../terraform/guardrail-files.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { EXIT } from './exit-codes.js';
import { readBaseline } from './baseline.js';
import { packagePath } from './paths.js';

/** Writes the reference stack: the seed's stack with every mitigation on. */
export async function terraformStackCommand(options: { output: string }): Promise<number> {
  const source = packagePath('templates/terraform/reference-stack');
  for (const file of (await readdir(source)).sort()) {
    await writeFileAtomic(join(options.output, file), await readFile(join(source, file), 'utf8'));
    process.stdout.write(`wrote ${join(options.output, file)}\n`);
  }
  return EXIT.OK;
}

/** Writes one file per failing check of a JSON audit report. */
export async function terraformFixCommand(options: {
  from: string;
  output: string;
  allowIrreversible?: boolean;
}): Promise<number> {
  const result = await readBaseline(options.from, '--from report');
  return reportWritten(
    await writeRemediation(result, options.output, options.allowIrreversible ?? false),
    'no failing check: nothing to fix',
  );
}

export async function writeRemediation(
  result: Parameters<typeof remediationFiles>[0],
  dir: string,
  allowIrreversible: boolean,
): Promise<string[]> {
  return writeFiles(dir, () => remediationFiles(result, { allowIrreversible }));
}

/**
 * Writes each file into `dir`, atomically. The directory is made first, so that it exists afterwards even when there
 * is nothing to write, or when the files cannot be made (a report whose evidence does not fit): visibly empty.
 */
async function writeFiles(dir: string, files: () => ReadonlyMap<string, string>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of files()) {
    await writeFileAtomic(join(dir, name), content);
    written.push(join(dir, name));
  }
  return written;
}

/**
 * Writes the Organization Policy guardrail of each failing control that has one: dry-run policies unless `enforce`
 * (apply the dry run, read the violations it logs, then write again with --enforce).
 */
export async function terraformGuardrailsCommand(options: {
  from: string;
  output: string;
  enforce?: boolean;
}): Promise<number> {
  const result = await readBaseline(options.from, '--from report');
  return reportWritten(
    await writeFiles(options.output, () => guardrailFiles(result, options.enforce ? 'enforced' : 'dry-run')),
    'no failing control has a guardrail to write: nothing to write',
  );
}

/** Names each file written, or says that there was nothing to write. */
function reportWritten(written: readonly string[], nothing: string): number {
  process.stdout.write(written.length === 0 ? `${nothing}\n` : written.map((f) => `wrote ${f}\n`).join(''));
  return EXIT.OK;
}
