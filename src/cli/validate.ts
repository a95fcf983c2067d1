import { CHECK_IDS } from '../checks/index.js';
import { loadRegisterFile } from '../matrix/load.js';
import { EXIT } from './exit-codes.js';

export async function validateCommand(file: string): Promise<number> {
  const { register } = await loadRegisterFile(file, { knownChecks: CHECK_IDS });
  const checks = new Set(register.risks.flatMap((r) => [...(r.existing?.checks ?? []), ...(r.proposed?.checks ?? [])]));
  process.stdout.write(
    `${file}: valid: ${register.risks.length} risks in ${register.tables.length} tables, ${register.milestones.length} milestones, ${checks.size} checks referenced\n`,
  );
  return EXIT.OK;
}
