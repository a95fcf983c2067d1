import { join } from 'node:path';

/** gcloud's configuration directory: CLOUDSDK_CONFIG, else %APPDATA%\gcloud on Windows, ~/.config/gcloud elsewhere. */
export function gcloudConfigDir(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform): string {
  if (env.CLOUDSDK_CONFIG) return env.CLOUDSDK_CONFIG;
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'gcloud');
  return join(home, '.config', 'gcloud');
}
