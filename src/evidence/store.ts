import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientPool } from '../gcp/clients.js';
import { drillRecordSchema, type DrillRecord } from './record.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { compareText } from '../util/text.js';

/** Where drill records are kept: a local directory, or a Cloud Storage prefix that every CI run can reach. */
export type EvidenceLocation = { kind: 'directory'; dir: string } | { kind: 'gcs'; bucket: string; prefix: string };

export const DEFAULT_EVIDENCE_DIR = '.gtp/drills';

export function parseEvidenceLocation(text: string | undefined): EvidenceLocation {
  if (!text) return { kind: 'directory', dir: DEFAULT_EVIDENCE_DIR };
  const gcs = /^gs:\/\/([^/]+)\/?(.*)$/.exec(text);
  if (!gcs) return { kind: 'directory', dir: text };
  const prefix = gcs[2] ?? '';
  return { kind: 'gcs', bucket: gcs[1]!, prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}

export function describeLocation(location: EvidenceLocation): string {
  return location.kind === 'directory' ? location.dir : `gs://${location.bucket}/${location.prefix}`;
}

/** Records read back, and the files that were not drill records (named, never silently skipped). */
export interface StoredRecords {
  records: DrillRecord[];
  unreadable: { name: string; reason: string }[];
}

export interface EvidenceStore {
  readonly location: EvidenceLocation;
  /** Writes the record whole or not at all; returns where it went. */
  save(record: DrillRecord): Promise<string>;
  /** Every record, oldest first. */
  list(): Promise<StoredRecords>;
}

export function openEvidenceStore(location: EvidenceLocation, pool: () => Promise<ClientPool>): EvidenceStore {
  return location.kind === 'directory' ? directoryStore(location) : gcsStore(location, pool);
}

const fileName = (record: DrillRecord) => `${record.id}.json`;
const serialise = (record: DrillRecord) => `${JSON.stringify(record, null, 2)}\n`;

function directoryStore(location: Extract<EvidenceLocation, { kind: 'directory' }>): EvidenceStore {
  return {
    location,
    async save(record) {
      await mkdir(location.dir, { recursive: true });
      const path = join(location.dir, fileName(record));
      await writeFileAtomic(path, serialise(record));
      return path;
    },
    async list() {
      let names: string[];
      try {
        names = (await readdir(location.dir)).filter((n) => n.endsWith('.json'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], unreadable: [] };
        throw error;
      }
      return parseAll(
        await Promise.all(
          names.map(async (name) => ({
            name: join(location.dir, name),
            text: await readFile(join(location.dir, name), 'utf8'),
          })),
        ),
      );
    },
  };
}

function gcsStore(
  location: Extract<EvidenceLocation, { kind: 'gcs' }>,
  pool: () => Promise<ClientPool>,
): EvidenceStore {
  const bucket = async () => (await (await pool()).get('storage')).bucket(location.bucket);
  return {
    location,
    async save(record) {
      const name = `${location.prefix}${fileName(record)}`;
      // One request carries metadata and content: an object exists whole or not at all.
      await (
        await bucket()
      )
        .file(name)
        .save(serialise(record), { resumable: false, contentType: 'application/json', validation: 'md5' });
      return `gs://${location.bucket}/${name}`;
    },
    async list() {
      const [files] = await (await bucket()).getFiles({ prefix: location.prefix, autoPaginate: true });
      const json = files.filter((f) => f.name.endsWith('.json'));
      return parseAll(
        await Promise.all(
          json.map(async (f) => ({
            name: `gs://${location.bucket}/${f.name}`,
            text: (await f.download({ validation: 'md5' }))[0].toString('utf8'),
          })),
        ),
      );
    },
  };
}

function parseAll(files: { name: string; text: string }[]): StoredRecords {
  const records: DrillRecord[] = [];
  const unreadable: StoredRecords['unreadable'] = [];
  for (const { name, text } of files) {
    try {
      const parsed = drillRecordSchema.safeParse(JSON.parse(text));
      if (parsed.success) records.push(parsed.data);
      else
        unreadable.push({
          name,
          reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; '),
        });
    } catch (error) {
      unreadable.push({ name, reason: (error as Error).message });
    }
  }
  records.sort((a, b) => compareText(a.startedAt, b.startedAt));
  return { records, unreadable };
}
