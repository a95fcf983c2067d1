import { existsSync, readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * Where the build writes the trimmed descriptors (scripts/trim-protos.mjs): dist/protos, seen from a bundled chunk
 * (dist/chunks) or from the sources (src/gcp, under the tests).
 */
const DIRECTORIES = [new URL('../protos/', import.meta.url), new URL('../../dist/protos/', import.meta.url)];

interface TrimmedDescriptor {
  package: string;
  version: string;
  descriptor: object;
}

/**
 * Makes a Google client package read, as its proto descriptor, the build's copy cut down to the services gtp
 * calls, before the package is loaded. The generated clients `require('../../protos/protos.json')` and build the
 * reflection of everything in it at construction (Compute's descriptor is 12 MB); a module already in the require
 * cache is what `require` returns, so the client builds only what gtp uses. The copy is used only when it was cut
 * from the installed version of the package; otherwise the package's own descriptor loads, as without gtp.
 */
export function useTrimmedDescriptor(pkg: string, directories: readonly URL[] = DIRECTORIES): 'trimmed' | 'full' {
  const path = require.resolve(`${pkg}/build/protos/protos.json`);
  const cached = require.cache[path];
  if (cached) return (cached as { trimmed?: boolean }).trimmed ? 'trimmed' : 'full';
  const file = directories
    .map((dir) => fileURLToPath(new URL(`${pkg.replace(/^@/, '').replace('/', '-')}.json`, dir)))
    .find(existsSync);
  if (!file) return 'full';
  const trimmed = JSON.parse(readFileSync(file, 'utf8')) as TrimmedDescriptor;
  const installed = (JSON.parse(readFileSync(join(path, '../../../package.json'), 'utf8')) as { version: string })
    .version;
  if (trimmed.package !== pkg || trimmed.version !== installed) return 'full';
  const module = new Module(path) as Module & { trimmed?: boolean };
  module.filename = path;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(path));
  module.exports = trimmed.descriptor;
  module.loaded = true;
  module.trimmed = true;
  require.cache[path] = module;
  return 'trimmed';
}
