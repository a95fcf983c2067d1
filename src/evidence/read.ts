import { ClientPool } from '../gcp/clients.js';
import { clientOptionsFromEnv } from '../gcp/endpoint.js';
import { describeLocation, openEvidenceStore, parseEvidenceLocation, type StoredRecords } from './store.js';

/** The drill records an audit judges: read from the store once, with clients made only for a Cloud Storage prefix. */
export async function readDrillRecords(evidence: string | undefined, project: string): Promise<StoredRecords & { location: string }> {
  const location = parseEvidenceLocation(evidence);
  let pool: ClientPool | undefined;
  try {
    const stored = await openEvidenceStore(location, async () => (pool ??= new ClientPool(clientOptionsFromEnv(), project))).list();
    return { ...stored, location: describeLocation(location) };
  } finally {
    await pool?.close();
  }
}
