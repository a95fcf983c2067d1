import { selectChecks } from '../audit/run.js';
import { CHECK_IDS } from '../checks/ids.js';
import { loadRegisterFile } from '../matrix/load.js';
import { overridesNamingNothing } from '../org/overrides.js';
import { readPlan } from '../org/plan.js';
import { InputError } from '../util/errors.js';
import { EXIT } from './exit-codes.js';

/**
 * `gtp validate [file] [--plan P]`: the register alone, and with a plan (`gtp org plan`) its overrides against the
 * organization the plan froze: an override naming a folder or project that is not there is bad input (exit 2),
 * offline, before any shard runs.
 */
export async function validateCommand(file: string, options: { plan?: string } = {}): Promise<number> {
  const { register, locate } = await loadRegisterFile(file, { knownChecks: CHECK_IDS });
  if (options.plan) {
    const { plan } = await readPlan(options.plan);
    const strays = overridesNamingNothing(register, plan);
    if (strays.length > 0)
      throw new InputError(
        `${file}: ${strays.length} override(s) reach no project of ${options.plan}`,
        strays.map((stray) => ({ file, ...locate(['overrides', stray.index, stray.key]), message: stray.message })),
      );
  }
  process.stdout.write(
    `${file}: valid: ${register.risks.length} risks in ${register.tables.length} tables, ${register.milestones.length} milestones, ${selectChecks(register).length} checks referenced${options.plan ? `, every override reaches ${options.plan}` : ''}\n`,
  );
  return EXIT.OK;
}
