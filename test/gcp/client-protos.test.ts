import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTrimmedDescriptor } from '../../src/gcp/client-protos.js';
// @ts-expect-error: a build script, plain JavaScript
import { CLIENT_METHODS, trimmedFileName } from '../../scripts/trim-protos.mjs';
import { scratchDir } from '../helpers/scratch.js';

const require = createRequire(import.meta.url);
const installedVersion = (pkg: string) =>
  (
    JSON.parse(
      readFileSync(join(require.resolve(`${pkg}/build/protos/protos.json`), '../../../package.json'), 'utf8'),
    ) as {
      version: string;
    }
  ).version;

/** A directory holding one trimmed descriptor, as the build writes it. */
function directoryWith(pkg: string, version: string, descriptor: object): URL {
  const dir = scratchDir('gtp-protos-');
  writeFileSync(join(dir, trimmedFileName(pkg)), JSON.stringify({ package: pkg, version, descriptor }));
  return pathToFileURL(`${dir}/`);
}

describe('trimmed client descriptors', () => {
  it('a package loads the trimmed descriptor cut from its installed version', () => {
    const pkg = '@google-cloud/billing-budgets';
    const descriptor = { nested: { marker: { nested: {} } } };
    expect(useTrimmedDescriptor(pkg, [directoryWith(pkg, installedVersion(pkg), descriptor)])).toBe('trimmed');
    expect(require(`${pkg}/build/protos/protos.json`)).toEqual(descriptor);
  });

  it('a descriptor cut from another version is not used: the package reads its own', () => {
    const pkg = '@google-cloud/service-usage';
    expect(useTrimmedDescriptor(pkg, [directoryWith(pkg, '0.0.0-other', { nested: {} })])).toBe('full');
    const own = require(`${pkg}/build/protos/protos.json`) as { nested: object };
    expect(Object.keys(own.nested)).toContain('google');
  });

  it('the build cut one per package, from the installed version, keeping the methods gtp calls', () => {
    for (const [pkg, services] of Object.entries(CLIENT_METHODS as Record<string, Record<string, string[]>>)) {
      const file = JSON.parse(
        readFileSync(new URL(`../../dist/protos/${trimmedFileName(pkg)}`, import.meta.url), 'utf8'),
      ) as {
        version: string;
        descriptor: { nested: Record<string, { nested?: object; methods?: object }> };
      };
      expect(file.version, pkg).toBe(installedVersion(pkg));
      for (const [service, methods] of Object.entries(services)) {
        let node: { nested?: Record<string, unknown>; methods?: object } = file.descriptor;
        for (const part of service.split('.')) node = node.nested![part] as typeof node;
        expect(Object.keys(node.methods!).sort(), service).toEqual([...methods].sort());
      }
    }
  });
});
