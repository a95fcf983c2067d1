import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * google-gax, by `require`: it is CommonJS, and an `import()` of it makes Node scan its source and every module
 * it re-exports for export names first (cjs-module-lexer), work the clients' own `require` of it never needs.
 */
export function loadGax(): typeof import('google-gax') {
  return require('google-gax') as typeof import('google-gax');
}
