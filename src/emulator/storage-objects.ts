import { createHash } from 'node:crypto';
import { ROUTES } from '../gcp/routes.js';
import { failure, type Answer } from './errors.js';
import { listPage } from './pagination.js';
import type { Clock } from '../util/clock.js';

/** A raw (non-JSON) response body, for media downloads. */
export class RawBody {
  constructor(
    readonly data: Buffer,
    readonly contentType: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

interface StoredObject {
  data: Buffer;
  metadata: Record<string, unknown>;
}

/**
 * The Cloud Storage objects a drill writes its records to and an audit reads them from: simple and multipart
 * uploads, list by prefix, metadata and media reads. Kept in memory for the emulator's lifetime.
 */
export class StorageObjects {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();
  private generation = 1;

  constructor(private readonly clock: Clock) {}

  answer(
    routeId: string,
    params: Record<string, string>,
    body: Buffer,
    query: URLSearchParams,
    contentType: string,
    pageSize?: number,
  ): Answer | undefined {
    switch (routeId) {
      case ROUTES.objectUpload.id:
        return this.upload(params.bucket!, body, query, contentType);
      case ROUTES.objects.id: {
        const prefix = query.get('prefix') ?? '';
        const items = [...(this.buckets.get(params.bucket!)?.values() ?? [])]
          .map((o) => o.metadata)
          .filter((m) => String(m.name).startsWith(prefix));
        // Cloud Storage lists objects "lexicographically by name": by the bytes of the UTF-8 name, whatever the
        // locale ("B" before "a").
        items.sort((a, b) => Buffer.compare(Buffer.from(String(a.name)), Buffer.from(String(b.name))));
        return [200, { kind: 'storage#objects', ...listPage(ROUTES.objects, items, query, pageSize) }];
      }
      case ROUTES.object.id: {
        const object = this.buckets.get(params.bucket!)?.get(params.object!);
        if (!object) return failure(404, 'NOT_FOUND', `No such object: ${params.bucket}/${params.object}`);
        return query.get('alt') === 'media'
          ? [
              200,
              new RawBody(object.data, String(object.metadata.contentType ?? 'application/octet-stream'), {
                'x-goog-hash': `md5=${String(object.metadata.md5Hash)}`,
              }),
            ]
          : [200, object.metadata];
      }
      default:
        return undefined;
    }
  }

  private upload(bucket: string, body: Buffer, query: URLSearchParams, contentType: string): Answer {
    let metadata: Record<string, unknown> = {};
    let data = body;
    if (query.get('uploadType') === 'multipart') {
      const parts = multipartParts(body, contentType);
      if (parts.length < 2)
        return failure(400, 'INVALID_ARGUMENT', 'A multipart upload needs a metadata part and a media part.');
      metadata = JSON.parse(parts[0]!.body.toString('utf8')) as Record<string, unknown>;
      data = parts[1]!.body;
      metadata.contentType ??= parts[1]!.contentType;
    } else if (query.get('uploadType') !== 'media') {
      return failure(400, 'INVALID_ARGUMENT', 'The emulator accepts uploadType=media or multipart.');
    }
    const name = String(metadata.name ?? query.get('name') ?? '');
    if (!name) return failure(400, 'INVALID_ARGUMENT', 'Required: object name.');
    const generation = String(this.generation++);
    const stored: Record<string, unknown> = {
      kind: 'storage#object',
      id: `${bucket}/${name}/${generation}`,
      name,
      bucket,
      generation,
      metageneration: '1',
      contentType: metadata.contentType ?? contentType ?? 'application/octet-stream',
      size: String(data.length),
      md5Hash: createHash('md5').update(data).digest('base64'),
      timeCreated: this.clock.now().toISOString(),
      updated: this.clock.now().toISOString(),
      ...(metadata.metadata ? { metadata: metadata.metadata } : {}),
    };
    let objects = this.buckets.get(bucket);
    if (!objects) this.buckets.set(bucket, (objects = new Map()));
    objects.set(name, { data, metadata: stored });
    return [200, stored];
  }
}

/** The parts of a multipart/related body: each part's content type and bytes. */
function multipartParts(body: Buffer, contentType: string): { contentType: string; body: Buffer }[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { contentType: string; body: Buffer }[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      // The part ends with the CRLF that precedes the next delimiter.
      const content = part.subarray(headerEnd + 4, part.length - 2);
      parts.push({
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
        body: content,
      });
    }
    start = next;
  }
  return parts;
}
