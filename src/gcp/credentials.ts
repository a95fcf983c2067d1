import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../util/errors.js';
import { loadGax } from './gax.js';
import { gcloudConfigDir } from './gcloud-config.js';

/**
 * Where Application Default Credentials would read a key file from: GOOGLE_APPLICATION_CREDENTIALS, else the file
 * `gcloud auth application-default login` writes (in CLOUDSDK_CONFIG, else under %APPDATA% on Windows, ~/.config
 * elsewhere). Undefined
 * when ADC would go on to the metadata server.
 */
export function credentialsFileOf(env: NodeJS.ProcessEnv): { file: string; named: boolean } | undefined {
  if (env.GOOGLE_APPLICATION_CREDENTIALS) return { file: env.GOOGLE_APPLICATION_CREDENTIALS, named: true };
  // gcloud's configuration directory, as google-auth-library finds it: CLOUDSDK_CONFIG first.
  if (!env.CLOUDSDK_CONFIG && !(process.platform === 'win32' ? env.APPDATA : env.HOME)) return undefined;
  const dir = gcloudConfigDir(env, env.HOME ?? '', process.platform);
  return { file: join(dir, 'application_default_credentials.json'), named: false };
}

function broken(file: string, named: boolean, why: string): InputError {
  const where = named ? `GOOGLE_APPLICATION_CREDENTIALS (${file})` : `the gcloud credentials file ${file}`;
  return new InputError(
    `the Google credentials are broken: ${where} ${why}. Fix or replace the file (\`gcloud auth application-default login\` writes a new one); no permission was checked.`,
  );
}

/**
 * Reads the key file ADC would use and has Google's auth library parse it, before any request: a file that is not
 * JSON, or lacks what its `type` needs, would otherwise fail every call alike, and a diagnosis built on those
 * failures would blame missing permissions. The file's content is never quoted (it holds secrets).
 */
export async function checkCredentialsFile(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const found = credentialsFileOf(env);
  if (!found) return;
  const { file, named } = found;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!named && code === 'ENOENT') return; // no gcloud login: ADC goes on to the metadata server
    throw broken(file, named, code === 'ENOENT' ? 'names a file that does not exist' : 'cannot be read');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw broken(file, named, 'is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw broken(file, named, 'is not a JSON object');
  if (typeof (json as { type?: unknown }).type !== 'string') throw broken(file, named, 'has no "type"');
  const { googleAuthLibrary } = await loadGax();
  try {
    // The library's own reading of the file: it names the field a key of this type lacks.
    new googleAuthLibrary.GoogleAuth().fromJSON(json as Record<string, string>);
  } catch (error) {
    const reason = (error as Error).message.replace(/^The incoming JSON object /, '');
    throw broken(file, named, reason.slice(0, 120));
  }
}
