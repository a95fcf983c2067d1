import { visible } from '../util/text.js';

/**
 * What the client libraries print on their own: Node process warnings (gcp-metadata's MetadataLookupWarning when no
 * metadata server answers, deprecation notices) and console lines (google-auth-library's "The `fromJSON` method is
 * deprecated…" for an authorized_user file). They are the libraries' words about their own workings, and on a
 * user's screen they push the cause and its fix off it. gtp itself writes to process.stdout and process.stderr and
 * never through `console`, so everything that arrives there is a library's. Under --verbose each is said once, in
 * gtp's words where gtp knows what it means; otherwise it is not shown.
 */
export function holdLibraryOutput(verbose: boolean): void {
  const said = new Set<string>();
  const note = (text: string) => {
    if (!verbose) return;
    const line = `gtp: (library) ${visible(meaningOf(text))}`;
    if (said.has(line)) return;
    said.add(line);
    process.stderr.write(`${line}\n`);
  };
  // Node writes a warning to stderr through a 'warning' listener of its own; it is replaced, not joined.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => note(`${warning.name}: ${warning.message}`));
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const)
    console[method] = (...args: unknown[]) => note(args.map(String).join(' '));
}

/** A library's line, said as what it means for the run when gtp knows. */
function meaningOf(text: string): string {
  if (text.startsWith('MetadataLookupWarning'))
    return `no Google Cloud metadata server answered, so gtp is not running on Google Cloud (${text})`;
  if (/The `(fromJSON|fromStream|keyFilename|credentials)` (method|option) is deprecated/.test(text))
    return `google-auth-library read the credentials file through a method it deprecates (${text.split('.')[0]})`;
  return text;
}
