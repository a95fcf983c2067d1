import { existsSync } from 'node:fs';
import { CHECK_IDS, CHECKS } from '../checks/index.js';
import { loadRegisterFile } from '../matrix/load.js';
import { Inventory } from '../gcp/inventory.js';
import { CAPTURED_AT_KEY } from '../gcp/world-time.js';
import type { Clock } from '../util/clock.js';
import { EXIT } from './exit-codes.js';
import { openLive } from './gcp-session.js';
import { progress } from './diagnostics.js';
import { emit, warn } from './output.js';
import type { World } from '../gcp/world.js';
import { InputError } from '../util/errors.js';
import { findProject, NO_PROJECT } from '../setup/find-project.js';

/**
 * Saves every collection any check reads, in the world format, so that audits can run offline later. The
 * register (when there is one) names the buckets some checks look up by name, and the lists its own probes read.
 */
export async function snapshotCommand(
  given: { project?: string; output?: string; register?: string },
  clock: Clock,
): Promise<number> {
  const file = given.register ?? (existsSync('risks.yaml') ? 'risks.yaml' : undefined);
  const register = file ? (await loadRegisterFile(file, { knownChecks: CHECK_IDS })).register : undefined;
  const resources = register?.resources ?? {};
  const found = await findProject({
    flag: given.project,
    ...(file ? { register: { project: register?.project, file } } : {}),
  });
  if (!found) throw new InputError(NO_PROJECT);
  if (found.from !== '--project') progress(`reading ${found.id}, from ${found.from}`);
  const options = { ...given, project: found.id };
  const session = await openLive(options.project);
  try {
    const probes = register?.probes ?? [];
    const inventory = new Inventory(session.source, { project: options.project, resources, probes });
    // Drill records are not the project's: an offline audit reads them from their own store (--evidence). The
    // register's own probes' lists are read when it has probes.
    const collections = new Set(CHECKS.flatMap((c) => c.collects).filter((id) => id !== 'drill.records'));
    if (probes.length > 0) collections.add('probes.lists');
    progress(`collecting ${collections.size} collections from ${options.project}`);
    // The moment reading began: an offline audit judges ages as of then (see `gtp audit --as-of`).
    const capturedAt = clock.now().toISOString();
    await inventory.collect(collections);
    const snapshot: World = { [CAPTURED_AT_KEY]: capturedAt, ...inventory.snapshot() };
    await emit(`${JSON.stringify(snapshot, null, 2)}\n`, options.output);
    const failed = Object.keys((snapshot.$errors as object | undefined) ?? {});
    for (const id of failed) warn(`could not read ${id}; recorded as an error in the snapshot`);
    return failed.length > 0 ? EXIT.UNVERIFIED : EXIT.OK;
  } finally {
    await session.close();
  }
}
