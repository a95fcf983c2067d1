import { readFileSync } from 'node:fs';
import { syntheticOrganization, type SyntheticOrganization } from '../../src/emulator/synthetic-org.js';
import type { World } from '../../src/gcp/world.js';
import { TEST_NOW } from './clock.js';
import { WORLDS } from './paths.js';

const world = (name: string) => JSON.parse(readFileSync(`${WORLDS}${name}.json`, 'utf8')) as World;

/** A synthetic organization of `size` projects made from the bundled worlds, as the benches make theirs. */
export function syntheticOf(size: number): SyntheticOrganization {
  return syntheticOrganization(size, {
    seed: world('reference-stack'),
    drifted: world('drifted'),
    hardened: world('hardened'),
  });
}

/** The instant a test reads Cloud Asset Inventory at: a few seconds before the test clock, as gtp reads it. */
export const INVENTORY_READ_TIME = new Date(TEST_NOW.getTime() - 5_000).toISOString();
