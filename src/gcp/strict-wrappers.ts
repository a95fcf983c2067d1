/**
 * proto3 JSON says a wrapper ("google.protobuf.BoolValue", …) is written as the primitive it wraps
 * (protobuf.dev, "ProtoJSON format"). proto3-json-serializer, which google-gax's REST transport decodes every answer
 * with, takes any primitive for any wrapper and protobuf.js then coerces it: the string "false" in a BoolValue field
 * (Cloud SQL's `deletionProtectionEnabled`, `backupConfiguration.enabled`, …) becomes `true`. Where an answer holds
 * a wrapper's value of the wrong type, gtp's copy refuses it instead, and the collection is unreadable, never a pass.
 *
 * The serializer calls `wrapperFromProto3JSON` through its module's exports at each use, so replacing the export
 * in the one copy the clients share (the bundle's, or Node's module cache) changes what every client does.
 */
type WrapperModule = { wrapperFromProto3JSON: (typeName: string, json: unknown) => unknown };

const EXPECTED: Record<string, (json: unknown) => boolean> = {
  '.google.protobuf.BoolValue': (json) => typeof json === 'boolean',
  '.google.protobuf.StringValue': (json) => typeof json === 'string',
  '.google.protobuf.BytesValue': (json) => typeof json === 'string',
};
/** Numbers: a JSON number, or a string of one (proto3 JSON accepts both for every numeric type). */
const numeric = (json: unknown) =>
  (typeof json === 'number' && Number.isFinite(json)) ||
  (typeof json === 'string' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(json));

/** What the refusal says, whatever error a client wraps it in: never retried, and classified as an unreadable answer. */
export const WRONG_WRAPPER_TYPE = /a google\.protobuf\.\w+Value field holds .*, not its type/;

let installed: Promise<void> | undefined;

/** Makes wrapper decoding strict, once per process (loading the serializer, which the clients load anyway). */
export function useStrictWrappers(): Promise<void> {
  return (installed ??= import('proto3-json-serializer/build/src/wrappers.js').then(({ default: wrappers }) =>
    install(wrappers as unknown as WrapperModule),
  ));
}

function install(module: WrapperModule): void {
  const original = module.wrapperFromProto3JSON;
  module.wrapperFromProto3JSON = (typeName, json) => {
    const ok = EXPECTED[typeName] ?? numeric;
    if (json !== null && !ok(json))
      throw new TypeError(
        `a ${typeName.slice(1)} field holds ${typeof json === 'string' ? `the string ${JSON.stringify(json)}` : `${typeof json} ${JSON.stringify(json)}`}, not its type`,
      );
    return original(typeName, json);
  };
}
