// Builds dist/: the CLI bundled with esbuild (one file per lazily loaded command, shared chunks), so that a
// command starts by reading a few files instead of hundreds. Google's client libraries stay external: they are
// loaded, from node_modules, only by commands that call an API.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { trimProtos } from './trim-protos.mjs';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { 'cli/main': 'src/cli/main.ts', schemas: 'src/schemas.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  external: [
    '@google-cloud/*',
    'google-gax',
    'google-auth-library',
    'web-tree-sitter',
    'pg',
    'pg-native',
    '@peculiar/x509',
  ],
  // Smaller code parses and compiles faster at every start; the source maps keep stack traces readable.
  minify: true,
  // commander is CommonJS and calls require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __gtpCreateRequire } from 'node:module'; const require = __gtpCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// Each Google client's proto descriptor cut down to the services gtp calls (src/gcp/client-protos.ts).
await trimProtos('dist/protos');
