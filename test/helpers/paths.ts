import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = `${ROOT}bin/gtp.js`;
export const REGISTER = `${ROOT}risks.yaml`;
export const WORLDS = `${ROOT}examples/worlds/`;

/** Google's discovery documents: GTP_DISCOVERY_DIR, else the shared folder beside the repository. */
export function discoveryDir(): string {
  const dir = process.env.GTP_DISCOVERY_DIR ?? fileURLToPath(new URL('../../../shared/gcp-discovery/', import.meta.url));
  if (!existsSync(dir)) throw new Error(`discovery documents not found at ${dir}: set GTP_DISCOVERY_DIR`);
  return dir;
}
