import { selectChecks } from '../audit/run.js';
import { CHECK_IDS } from '../checks/ids.js';
import { loadRegisterFile } from '../matrix/load.js';
import { EXIT } from './exit-codes.js';

export async function validateCommand(file: string): Promise<number> {
  const { register } = await loadRegisterFile(file, { knownChecks: CHECK_IDS });
  process.stdout.write(
    `${file}: valid: ${register.risks.length} risks in ${register.tables.length} tables, ${register.milestones.length} milestones, ${selectChecks(register).length} checks referenced\n`,
  );
  return EXIT.OK;
}
