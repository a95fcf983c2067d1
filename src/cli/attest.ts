import { CHECK_IDS } from '../checks/ids.js';
import { attestInFile } from '../matrix/attest.js';
import { InputError } from '../util/errors.js';
import { EXIT } from './exit-codes.js';
import { isCalendarDate } from '../util/calendar-date.js';

export interface AttestOptions {
  register: string;
  by: string;
  evidence: string;
  expires: string;
  date?: string;
  mitigation?: 'existing' | 'proposed';
}

export async function attestCommand(riskId: string, options: AttestOptions, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const date = options.date ?? today;
  for (const [name, value] of [
    ['--expires', options.expires],
    ['--date', date],
  ] as const) {
    if (!isCalendarDate(value))
      throw new InputError(`${name} must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(value.slice(0, 40))}`);
  }
  if (options.expires < today) throw new InputError(`--expires ${options.expires} is already past`);
  // An attestation records what someone saw: it cannot be dated after today, nor expire before it was made.
  if (date > today) throw new InputError(`--date ${date} is in the future (today is ${today})`);
  if (options.expires < date) throw new InputError(`--expires ${options.expires} is before --date ${date}`);
  if (options.mitigation && options.mitigation !== 'existing' && options.mitigation !== 'proposed') {
    throw new InputError(`--mitigation must be existing or proposed, got "${options.mitigation}"`);
  }
  const result = await attestInFile(
    options.register,
    {
      riskId,
      ...(options.mitigation ? { mitigation: options.mitigation } : {}),
      attestation: { by: options.by, date, evidence: options.evidence, expires: options.expires },
    },
    { knownChecks: CHECK_IDS },
  );
  process.stdout.write(
    `${options.register}: ${riskId} ${result.mitigation} mitigation "${result.text}" attested by ${options.by} until ${options.expires}\n`,
  );
  return EXIT.OK;
}
