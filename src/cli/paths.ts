import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** Files shipped with gtp (the demo world, the bundled register), found from the installed package's root. */
export function packagePath(relative: string): string {
  root ??= findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  return join(root, relative);
}

/** The name gtp is published under on npm (its command is `gtp`). */
export const PACKAGE_NAME = 'go-to-production';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME)
      return dir;
    if (dirname(dir) === dir) throw new Error(`gtp's package.json not found above ${from}`);
  }
}

export const DEMO_WORLD = 'examples/worlds/reference-stack.json';
export const DEMO_PROJECT = 'acme-prod';
/** The reference stack with every control in place (a synthetic organization's hardened projects). */
export const HARDENED_WORLD = 'examples/worlds/hardened.json';
/** The reference stack drifted from its register (some declared mitigations fail). */
export const DRIFTED_WORLD = 'examples/worlds/drifted.json';
/** The demo's application repository, in the seed's state (read by the repository probes). */
export const DEMO_REPO = 'examples/demo-repo';
/** The demo's restore drill records: an old passing drill and a recent failed one. */
export const DEMO_DRILLS = 'examples/demo-drills';

/** The register to read: the one named, else ./risks.yaml, else (for the demo only) the one gtp ships. */
export function registerPath(given: string | undefined, demo: boolean): string {
  if (given) return given;
  if (!demo || existsSync('risks.yaml')) return 'risks.yaml';
  return packagePath('risks.yaml');
}
