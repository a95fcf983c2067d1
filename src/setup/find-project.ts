import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gcloudConfigDir } from '../gcp/gcloud-config.js';
import { PROJECT_ID } from '../gcp/ids.js';
import { InputError } from '../util/errors.js';

/** What to do when no project is named anywhere gtp looks. */
export const NO_PROJECT =
  'no project: pass --project P, set `project:` in the register, set GOOGLE_CLOUD_PROJECT, or run `gcloud config set project P`';

/** A project id and where it was found, said back to the user ("my-prod, from gcloud configuration default"). */
export interface FoundProject {
  id: string;
  from: string;
  /** The file it was read from, when it was (gcloud's configuration). */
  file?: string;
}

export interface ProjectHints {
  /** --project. */
  flag?: string | undefined;
  /** The register's `project:`, and the register's file for the message. */
  register?: { project?: string | undefined; file: string } | undefined;
  env?: NodeJS.ProcessEnv;
  /** The user's home directory (gcloud's configuration lives below it unless CLOUDSDK_CONFIG says otherwise). */
  home?: string;
  platform?: NodeJS.Platform;
}

/**
 * The project to audit, found as Google's own tools find it, in this order: --project, the register's `project:`,
 * GOOGLE_CLOUD_PROJECT (and GCLOUD_PROJECT, which the client libraries also read), CLOUDSDK_CORE_PROJECT, and the
 * active gcloud configuration's core/project. gcloud is not run: its configuration files are read, as gcloud
 * documents them (the configuration directory, `active_config`, `configurations/config_NAME`). A value that is not a
 * project ID is bad input naming where it came from, never skipped for the next one.
 */
export async function findProject(hints: ProjectHints): Promise<FoundProject | undefined> {
  const env = hints.env ?? process.env;
  const candidates: [string | undefined, string][] = [
    [hints.flag, '--project'],
    [hints.register?.project, `${hints.register?.file ?? 'the register'} (project:)`],
    [env.GOOGLE_CLOUD_PROJECT, 'GOOGLE_CLOUD_PROJECT'],
    [env.GCLOUD_PROJECT, 'GCLOUD_PROJECT'],
    [env.CLOUDSDK_CORE_PROJECT, 'CLOUDSDK_CORE_PROJECT'],
  ];
  for (const [value, from] of candidates) if (value) return checked(value, from);
  const gcloud = await gcloudProject(env, hints.home ?? homedir(), hints.platform ?? process.platform);
  return gcloud ? { ...checked(gcloud.id, gcloud.from), ...(gcloud.file ? { file: gcloud.file } : {}) } : undefined;
}

function checked(id: string, from: string): FoundProject {
  if (!PROJECT_ID.test(id))
    throw new InputError(`${from} names ${JSON.stringify(id.slice(0, 80))}, which is not a project ID`);
  return { id, from };
}

async function gcloudProject(
  env: NodeJS.ProcessEnv,
  home: string,
  platform: NodeJS.Platform,
): Promise<FoundProject | undefined> {
  const dir = gcloudConfigDir(env, home, platform);
  const active = env.CLOUDSDK_ACTIVE_CONFIG_NAME || (await readText(join(dir, 'active_config')))?.trim() || 'default';
  if (!/^[a-z0-9-]+$/i.test(active)) return undefined;
  const file = join(dir, 'configurations', `config_${active}`);
  const text = await readText(file);
  const project = text === undefined ? undefined : iniValue(text, 'core', 'project');
  return project ? { id: project, from: `gcloud configuration ${active}`, file } : undefined;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** One key of one section of an INI file as gcloud writes it (`[core]`, `project = my-prod`). */
export function iniValue(text: string, section: string, key: string): string | undefined {
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = header[1]!.trim();
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (current === section && pair && pair[1] === key) return pair[2]!.trim() || undefined;
  }
  return undefined;
}
