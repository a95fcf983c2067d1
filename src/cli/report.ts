import { declaredReport } from '../audit/apply.js';
import { CHECK_IDS } from '../checks/ids.js';
import { loadRegisterFile } from '../matrix/load.js';
import { RENDERERS, type Format } from '../report/index.js';
import { EXIT } from './exit-codes.js';
import { emit } from './output.js';
import type { Clock } from '../util/clock.js';

export interface ReportOptions {
  register: string;
  format: Format;
  output?: string;
}

export async function reportCommand(options: ReportOptions, clock: Clock): Promise<number> {
  const loaded = await loadRegisterFile(options.register, { knownChecks: CHECK_IDS });
  const result = declaredReport(loaded.register, clock.now());
  const ctx = {
    register: loaded.register,
    result,
    registerFile: options.register,
    locate: loaded.locate,
    gateFailures: new Map(),
  };
  await emit(RENDERERS[options.format](ctx), options.output);
  return EXIT.OK;
}
