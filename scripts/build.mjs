// Builds dist/: the CLI bundled with esbuild (one file per lazily loaded command, shared chunks), so that a
// command starts by reading a few files instead of hundreds. Google's client libraries are bundled too, each in
// chunks of its own that only commands calling its API load.
import './require-node.mjs';
import { build, transform } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trimProtos } from './trim-protos.mjs';

/**
 * Google's client libraries are bundled (one chunk per client, gax and its dependencies shared): a client then loads
 * from a few files instead of ~400 modules, each found, read and wrapped at every start. A client's proto
 * descriptor stays outside, read from the package at run time by its path, so that src/gcp/client-protos.ts can
 * hand the client the copy the build cut down, as it does outside the bundle.
 */
const descriptorsAtRunTime = {
  name: 'descriptors-at-run-time',
  setup(esbuild) {
    esbuild.onResolve({ filter: /[\\/]protos[\\/]protos\.json$/ }, ({ importer }) => {
      const pkg = importer.match(/[\\/]node_modules[\\/](@google-cloud[\\/][^\\/]+)[\\/]/)?.[1];
      return pkg ? { path: `${pkg.replace('\\', '/')}/build/protos/protos.json`, external: true } : undefined;
    });
  },
};

/**
 * A bundled CommonJS file that uses `__dirname` or `__filename` (gax's gRPC proto directory, set as it loads) gets
 * its own file's place in the installed package, found at run time from the package's entry point when first asked
 * for: the bundle's ES modules have neither, and the chunk's directory would be the wrong one. esbuild's `define`
 * rewrites only the identifiers, not the same words in strings and comments.
 */
const ownDirectory = {
  name: 'own-directory',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(source) || /^\s*(import|export)\s/m.test(source)) return undefined;
      const { code } = await transform(source, {
        loader: 'js',
        define: { __dirname: '__gtpOwn.dirname', __filename: '__gtpOwn.filename' },
      });
      if (!code.includes('__gtpOwn')) return undefined;
      const pkg = path.match(/[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/][^]*$/)[1].replace('\\', '/');
      const fromEntry = relative(dirname(createRequire(path).resolve(pkg)), path).replaceAll('\\', '/');
      const prelude =
        `var __gtpOwn = { get filename() { const { dirname, join } = require('node:path');` +
        ` return join(dirname(require.resolve(${JSON.stringify(pkg)})), ${JSON.stringify(fromEntry)}); },` +
        ` get dirname() { return require('node:path').dirname(this.filename); } };`;
      return { contents: `${prelude}\n${code}`, loader: 'js', resolveDir: dirname(path) };
    });
  },
};

/** commander's node:child_process, loaded on first use instead of at every start (lazy-child-process.mjs). */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^node:child_process$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(importer)
        ? { path: fileURLToPath(new URL('./lazy-child-process.mjs', import.meta.url)) }
        : undefined,
    );
  },
};

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
  // Stack traces need the positions, not a copy of every bundled library's source (that was 8 MB).
  sourcesContent: false,
  external: ['web-tree-sitter', 'pg', 'pg-native', '@peculiar/x509'],
  // Whitespace and syntax only: identifiers keep their names. Libraries read constructor names
  // (proto3-json-serializer knows a Long by `constructor.name`), and keeping names by esbuild's keepNames instead
  // costs a call per function as every chunk loads (a live audit measured ~15% slower).
  minifyWhitespace: true,
  minifySyntax: true,
  // commander is CommonJS and calls require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __gtpCreateRequire } from 'node:module'; const require = __gtpCreateRequire(import.meta.url);",
  },
  plugins: [lazyChildProcess, descriptorsAtRunTime, ownDirectory],
  logLevel: 'warning',
});
// Each Google client's proto descriptor cut down to the services gtp calls (src/gcp/client-protos.ts).
await trimProtos('dist/protos');
