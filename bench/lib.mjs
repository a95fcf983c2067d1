// Shared helpers for the benchmark scripts: run a command, time it, report medians.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: Number(process.hrtime.bigint() - started) / 1e6, stderr }));
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Starts `gtp emulate` and resolves once it listens; every request is logged on its stderr. */
export function emulate(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/gtp.js', 'emulate', '--port', '0', '--log', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const requests = [];
    createInterface({ input: child.stderr }).on('line', (line) => requests.push(line));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const url = line.replace('listening on ', '');
      resolve({
        url,
        requests,
        env: {
          GTP_API_ENDPOINT: url,
          GCE_METADATA_HOST: url.replace('http://', ''),
          METADATA_SERVER_DETECTION: 'assume-present',
        },
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('error', reject);
  });
}

/**
 * Google's default per-minute read quotas, as gtp starts from them (src/gcp/quota.ts); an API with no published
 * figure gets 600. The organization benches have the emulator enforce them.
 */
export const GOOGLE_DEFAULT_QUOTAS = {
  'compute.googleapis.com': 1500,
  'sqladmin.googleapis.com': 500,
  'serviceusage.googleapis.com': 240,
  'cloudresourcemanager.googleapis.com': 1200,
  // ListAssets: 100 a minute per consumer project (the organization's 800 is never the nearer limit here).
  'cloudasset.googleapis.com': 100,
  'artifactregistry.googleapis.com': 600,
  'billingbudgets.googleapis.com': 600,
  'binaryauthorization.googleapis.com': 600,
  'cloudbilling.googleapis.com': 600,
  'clouddeploy.googleapis.com': 600,
  'container.googleapis.com': 600,
  'monitoring.googleapis.com': 600,
  'securitycenter.googleapis.com': 600,
  'storage.googleapis.com': 600,
};

/** `gtp emulate` arguments that enforce those quotas. */
export const quotaArgs = () =>
  Object.entries(GOOGLE_DEFAULT_QUOTAS).flatMap(([service, n]) => ['--quota', `${service}=${n}`]);
