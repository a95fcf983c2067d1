import { CHECK_IDS } from '../checks/index.js';
import { attestInFile } from '../matrix/attest.js';
import { InputError } from '../util/errors.js';
import { EXIT } from './exit-codes.js';

export interface AttestOptions {
  register: string;
  by: string;
  evidence: string;
  expires: string;
  date?: string;
  mitigation?: 'existing' | 'proposed';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function attestCommand(riskId: string, options: AttestOptions, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const date = options.date ?? today;
  for (const [name, value] of [['--expires', options.expires], ['--date', date]] as const) {
    if (!DATE.test(value) || Number.isNaN(Date.parse(value))) throw new InputError(`${name} must be a date as YYYY-MM-DD, got "${value}"`);
  }
  if (options.expires < today) throw new InputError(`--expires ${options.expires} is already past`);
  if (options.mitigation && options.mitigation !== 'existing' && options.mitigation !== 'proposed') {
    throw new InputError(`--mitigation must be existing or proposed, got "${options.mitigation}"`);
  }
  const result = await attestInFile(
    options.register,
    { riskId, ...(options.mitigation ? { mitigation: options.mitigation } : {}), attestation: { by: options.by, date, evidence: options.evidence, expires: options.expires } },
    { knownChecks: CHECK_IDS },
  );
  process.stdout.write(`${options.register}: ${riskId} ${result.mitigation} mitigation "${result.text}" attested by ${options.by} until ${options.expires}\n`);
  return EXIT.OK;
}
