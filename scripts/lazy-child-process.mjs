// commander requires node:child_process as it loads, for executable subcommands (`program.command(name, desc)`),
// which gtp does not declare. Loading it costs every start a few milliseconds (net, dgram and the process
// bindings come with it); with this stand-in it loads at commander's first spawn, which gtp never makes.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The one function of node:child_process commander calls. */
export function spawn(...args) {
  return require('node:child_process').spawn(...args);
}
