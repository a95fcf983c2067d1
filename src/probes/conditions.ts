/**
 * The CEL engine, loaded only for a register that has probes: it is the largest module gtp reads a register with,
 * and a command whose register has none (every `gtp report`) never loads it.
 */
type Conditions = typeof import('./cel.js');

let loaded: Conditions | undefined;

export async function loadConditions(): Promise<Conditions> {
  loaded ??= await import('./cel.js');
  return loaded;
}

/** The engine, once loadConditions() has run (the register loader runs it for a register with probes). */
export function conditions(): Conditions {
  if (!loaded) throw new Error('probe conditions compiled before the CEL engine was loaded (loadConditions)');
  return loaded;
}
