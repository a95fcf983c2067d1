import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript
import { CLIENT_METHODS } from '../../scripts/trim-protos.mjs';
import { gtp } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';
import { scratchDir } from '../helpers/scratch.js';

const CHUNKS = join(ROOT, 'dist', 'chunks');
const chunks = () =>
  readdirSync(CHUNKS)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ name: f, text: readFileSync(join(CHUNKS, f), 'utf8'), bytes: statSync(join(CHUNKS, f)).size }));

/** The build `npm test` made: the Google clients bundled, their descriptors left to be read at run time. */
describe('the bundled Google clients', () => {
  it('each package’s descriptor is required by its path at run time, so the trimmed copy can stand in', () => {
    const all = chunks();
    for (const pkg of Object.keys(CLIENT_METHODS as Record<string, unknown>)) {
      const requiring = all.filter((c) => c.text.includes(`__require("${pkg}/build/protos/protos.json")`));
      expect(requiring.length, pkg).toBeGreaterThan(0);
    }
  });

  it('no chunk carries a whole descriptor (Compute’s alone is 12 MB)', () => {
    const largest = chunks().sort((a, b) => b.bytes - a.bytes)[0]!;
    expect(largest.bytes, largest.name).toBeLessThan(2_000_000);
  });

  it('no bundled library reads __dirname or __filename of the chunk: each gets its own file’s place', () => {
    // A chunk, cut where each wrapped CommonJS module starts: a piece is that module (and what follows it).
    const reading = chunks().flatMap(({ name, text }) =>
      text
        .split(/__commonJS\(\{\s*(?="node_modules\/)/)
        .slice(1)
        // A quoted string only says the words (colors' deprecation notice); a template literal may read them.
        .filter((piece) =>
          /(?<![\w$.])__(dirname|filename)\b/.test(piece.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""')),
        )
        .map((piece) => `${name}: ${piece.slice(1, piece.indexOf('"', 1))}`),
    );
    expect(reading).toEqual([]);
  });

  it('an audit of the bundled build gives every client it starts the trimmed descriptor', async () => {
    const log = join(scratchDir('gtp-descriptors-'), 'descriptors.txt');
    const { code } = await gtp(['audit', '--demo', '--format', 'json'], {
      env: { GTP_DESCRIPTOR_LOG: log },
      nodeArgs: ['--import', `${ROOT}test/helpers/record-descriptors.mjs`],
    });
    expect(code).not.toBe(2);
    const descriptors = readFileSync(log, 'utf8').split('\n');
    expect(descriptors.length).toBeGreaterThanOrEqual(10);
    expect(descriptors.filter((d) => !d.startsWith('trimmed '))).toEqual([]);
  });
});
