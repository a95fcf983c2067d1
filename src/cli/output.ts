import { writeFileAtomic, type WriteContent } from '../util/atomic-write.js';
import { visible } from '../util/text.js';
import { clearStatus } from './status-line.js';

/** Writes the report to --output (atomically) or to stdout. */
export async function emit(content: WriteContent, output: string | undefined): Promise<void> {
  clearStatus();
  if (output) await writeFileAtomic(output, content);
  else if (typeof content === 'string') await writeStdout(content);
  else for (const piece of content) await writeStdout(piece);
}

function writeStdout(content: string): Promise<void> {
  // EPIPE: the reader went away (`gtp audit | head -1`); what it did not read is not gtp's failure.
  return new Promise((resolve, reject) =>
    process.stdout.write(content, (error) =>
      error && (error as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(error) : resolve(),
    ),
  );
}

/** A note on stderr about something outside gtp (a file, a record, an API's answer): one line, nothing that acts. */
export function warn(message: string): void {
  clearStatus();
  process.stderr.write(`gtp: ${visible(message)}\n`);
}
