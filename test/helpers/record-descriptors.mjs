// Preloaded with --import: at exit, writes to $GTP_DESCRIPTOR_LOG each Google client descriptor the process
// loaded, and whether it was the copy the build trimmed (src/gcp/client-protos.ts marks those).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const descriptors = Object.entries(require.cache)
    .filter(([path]) => path.endsWith('/build/protos/protos.json'))
    .map(([path, module]) => `${module.trimmed ? 'trimmed' : 'full'} ${path.replace(/^.*node_modules\//, '')}`);
  if (process.env.GTP_DESCRIPTOR_LOG) writeFileSync(process.env.GTP_DESCRIPTOR_LOG, descriptors.join('\n'));
});
