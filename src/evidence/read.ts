import { ClientPool } from '../gcp/clients.js';
import { clientOptionsFromEnv } from '../gcp/endpoint.js';
import { shiftTimestamps } from '../gcp/world-time.js';
import { describeLocation, openEvidenceStore, parseEvidenceLocation, type StoredRecords } from './store.js';

/** The drill records an audit judges: read from the store once, with clients made only for a Cloud Storage prefix. */
export async function readDrillRecords(
  evidence: string | undefined,
  project: string,
  offsetMs = 0,
): Promise<StoredRecords & { location: string }> {
  const location = parseEvidenceLocation(evidence);
  let pool: ClientPool | undefined;
  try {
    const stored = await openEvidenceStore(
      location,
      async () => (pool ??= new ClientPool(clientOptionsFromEnv(), project)),
    ).list();
    const records = offsetMs === 0 ? stored.records : stored.records.map((r) => shiftTimestamps(r, offsetMs));
    return { ...stored, records, location: describeLocation(location) };
  } finally {
    await pool?.close();
  }
}
