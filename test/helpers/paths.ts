import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = `${ROOT}bin/gtp.js`;
export const REGISTER = `${ROOT}risks.yaml`;
export const WORLDS = `${ROOT}examples/worlds/`;

/** What Google, HashiCorp and the CI formats publish, extracted into the repository (see its README). */
export const REFERENCE = `${ROOT}test/reference/`;
export const DISCOVERY = `${REFERENCE}gcp-discovery/`;
