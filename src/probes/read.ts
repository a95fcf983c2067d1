import { describeError } from '../gcp/errors.js';
import { ROUTES } from '../gcp/routes.js';
import type { LocalIo } from '../gcp/source.js';
import { listsOf, type ProbeDefinition } from './definition.js';
import { placeholdersIn, probeRoute } from './url.js';

/** One probe list as read for a project: its items, or why it could not be read (never taken as empty). */
export type ProbeListReading = { read: true; items: unknown[] } | { read: false; why: string };

/** The readings of every list the register's probes name, by URL: probes reading one URL share its read. */
export type ProbeReadings = Record<string, ProbeListReading>;

/**
 * Reads each distinct probe list for the project, through the inventory's request path (paged, paced, retried,
 * recorded for the snapshot). The project's number is read only where a URL names {projectNumber}.
 */
export async function readProbeLists(
  project: string,
  probes: readonly ProbeDefinition[],
  io: LocalIo,
): Promise<ProbeReadings> {
  const lists = new Map(probes.flatMap(listsOf).map((list) => [list.url, list]));
  let projectNumber: Promise<string> | undefined;
  const numberOf = () =>
    (projectNumber ??= io.fetch(ROUTES.project, { project }).then((answer) => {
      const number = /^projects\/(\d+)$/.exec((answer as { name?: unknown } | null)?.name as string)?.[1];
      if (!number) throw new Error(`projects/${project}: its name gives no project number`);
      return number;
    }));
  const entries = await Promise.all(
    [...lists.values()].map(async (list): Promise<[string, ProbeListReading]> => {
      try {
        const params: Record<string, string> = { project };
        if (placeholdersIn(list.url).includes('projectNumber')) params.projectNumber = await numberOf();
        const value = await io.fetch(probeRoute(list), params);
        if (!Array.isArray(value)) throw new Error('the answer is not a list');
        return [list.url, { read: true, items: value }];
      } catch (error) {
        return [list.url, { read: false, why: describeError(error) }];
      }
    }),
  );
  return Object.fromEntries(entries);
}
