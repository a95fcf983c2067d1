import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN, ROOT } from './paths.js';
import { scratchDir } from './scratch.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const EMPTY_GCLOUD_CONFIG = scratchDir('gtp-gcloud-');

/** A minimal environment: no colour, no credentials, and no way for ADC to reach Google's metadata server. */
export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // A clock moved by libfaketime (CI runs the end-to-end suites a year ahead) must move gtp's clock too.
  const clock = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k === 'LD_PRELOAD' || k.startsWith('FAKETIME')),
  );
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // An empty gcloud configuration of the run's own, never the user's: no project, no credentials. (The auth
    // library runs gcloud, where it is installed, when it finds no project, and gcloud writes logs there.)
    CLOUDSDK_CONFIG: EMPTY_GCLOUD_CONFIG,
    NO_COLOR: '1',
    METADATA_SERVER_DETECTION: 'none',
    ...clock,
    ...extra,
  };
}

/** Runs the built CLI as a subprocess. */
export function gtp(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; nodeArgs?: string[] } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: baseEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // One decoder per stream: a character split across two reads is not two broken ones.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface EmulatorProcess {
  url: string;
  /** Environment that points gtp's clients and ADC at this emulator. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts `gtp emulate` as a subprocess and waits for its "listening on" line. */
export async function gtpEmulate(args: string[]): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'emulate', '--port', '0', ...args], {
    cwd: ROOT,
    env: baseEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`gtp emulate exited with ${code}`)));
  });
  const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine);
  if (!match) throw new Error(`unexpected first line: ${firstLine}`);
  const url = match[1]!;
  return {
    url,
    env: {
      GTP_API_ENDPOINT: url,
      GCE_METADATA_HOST: url.replace('http://', ''),
      METADATA_SERVER_DETECTION: 'assume-present',
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
