// Preloaded with --import: at exit, writes to $GTP_LOAD_LOG every module the process loaded: the CommonJS ones
// (require.cache) and the ES modules, gtp's bundled chunks among them, as they load.
import { writeFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';

const require = createRequire(import.meta.url);
const loaded = [];
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => {
  if (process.env.GTP_LOAD_LOG)
    writeFileSync(process.env.GTP_LOAD_LOG, [...Object.keys(require.cache), ...loaded].join('\n'));
});
