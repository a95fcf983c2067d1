/**
 * google-gax, loaded on first use. The build bundles it with the clients (scripts/build.mjs), so this is the same
 * copy the clients use: one GoogleAuth class, one cache of proto roots.
 */
export async function loadGax(): Promise<typeof import('google-gax')> {
  // CommonJS: its `module.exports` is the import's `default`, in Node and in the bundle alike.
  return (await import('google-gax')).default;
}
