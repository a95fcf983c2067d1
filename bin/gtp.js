#!/usr/bin/env node
import module from 'node:module';

// gtp and the Google client libraries it bundles need Node.js 22 or newer. Say so at once, before loading
// anything an older Node would fail on with an error of its own (exit 2: a usage problem, not gtp's fault).
const major = Number(process.versions.node.split('.')[0]);
if (!(major >= 22)) {
  process.stderr.write(`gtp needs Node.js 22 or newer; this is v${process.versions.node}\n`);
  process.exit(2);
}

// V8 keeps the compiled code of gtp and its libraries between runs (Node 22.1+, in the system's temporary
// directory, or NODE_COMPILE_CACHE): a command starts without compiling the same modules again.
module.enableCompileCache?.();
const { EXIT, main } = await import('../dist/cli/main.js');

/**
 * Exits with the command's code once stdout and stderr are flushed: a socket a library left open (a hung
 * connection after its timeout) must not keep the process alive after the command has decided.
 */
function exit(code) {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

// A reader that went away (`gtp audit | head -1`) is not an error of gtp's: stop writing, keep the exit code.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv).then(exit, (error) => {
  process.stderr.write(`gtp: internal error: ${error?.stack ?? error}\n`);
  exit(EXIT.INTERNAL);
});
