import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Files shipped with gtp (the demo world, the bundled register), found from the installed package. */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

export const DEMO_WORLD = 'examples/worlds/reference-stack.json';
export const DEMO_PROJECT = 'acme-prod';

/** The register to read: the one named, else ./risks.yaml, else (for the demo only) the one gtp ships. */
export function registerPath(given: string | undefined, demo: boolean): string {
  if (given) return given;
  if (!demo || existsSync('risks.yaml')) return 'risks.yaml';
  return packagePath('risks.yaml');
}
