// Preloaded with --import: at exit, writes the CommonJS modules the process loaded to $GTP_LOAD_LOG.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  if (process.env.GTP_LOAD_LOG) writeFileSync(process.env.GTP_LOAD_LOG, Object.keys(require.cache).join('\n'));
});
