import { createRequire } from 'node:module';
import type { protobuf as Protobuf } from 'google-gax';

/**
 * The client libraries hand back protobuf-shaped objects (wrappers as { value }, every default filled in);
 * gtp keeps the REST JSON that the API itself returns, so that live data, snapshots and worlds are one format.
 */
export async function toRestJson(value: unknown, protoPackage: string | undefined, typeName: string | undefined): Promise<unknown> {
  if (protoPackage && typeName) {
    const type = (await protoRoot(protoPackage)).lookupType(typeName);
    const { serializer } = await import('google-gax');
    return prune(serializer.toProto3JSON(type.fromObject(value as Record<string, unknown>)));
  }
  return prune(value);
}

const roots = new Map<string, Promise<Protobuf.Root>>();

function protoRoot(protoPackage: string): Promise<Protobuf.Root> {
  let root = roots.get(protoPackage);
  if (!root) {
    root = (async () => {
      const { protobuf } = await import('google-gax');
      const require = createRequire(import.meta.url);
      return protobuf.Root.fromJSON(require(`${protoPackage}/build/protos/protos.json`));
    })();
    roots.set(protoPackage, root);
  }
  return root;
}

/**
 * Drops what the API would not have sent: unset defaults (empty strings, lists, maps, *_UNSPECIFIED enums) and
 * the `_field` markers that the REST clients add for proto3 optional fields.
 */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (key.startsWith('_') && typeof field === 'string') continue;
      const pruned = prune(field);
      if (pruned !== undefined) out[key] = pruned;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (value === null || value === '') return undefined;
  if (typeof value === 'string' && value.endsWith('_UNSPECIFIED')) return undefined;
  return value;
}
