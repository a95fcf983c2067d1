import * as z from 'zod';
import { parseYamlInput, readInputFile } from '../util/yaml-input.js';
import { parseDuration } from '../util/duration.js';

const expectation = z
  .strictObject({
    minRows: z.number().int().nonnegative().optional().describe('the query returns at least this many rows'),
    atLeast: z.number().optional().describe('the first column of the first row is a number at least this large'),
    equals: z
      .union([z.string(), z.number(), z.boolean()])
      .optional()
      .describe('the first column of the first row is exactly this'),
    freshWithin: z
      .string()
      .refine((v) => parseDuration(v) !== undefined, 'must be a duration such as 90m, 24h or 2d')
      .optional()
      .describe('the first column of the first row is a timestamp at most this much older than the restore point'),
  })
  .refine(
    (e) => Object.values(e).filter((v) => v !== undefined).length === 1,
    'give exactly one of minRows, atLeast, equals, freshWithin',
  );

export const verificationSpecSchema = z
  .strictObject({
    database: z.string().min(1).describe('the database the checks run in, unless a check names its own'),
    checks: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          database: z.string().min(1).optional(),
          sql: z.string().min(1).describe('a read-only query; it runs in a read-only transaction'),
          expect: expectation,
        }),
      )
      .min(1),
  })
  .describe('what a restore drill checks in the restored data');

export type VerificationSpec = z.infer<typeof verificationSpecSchema>;
export type Expectation = VerificationSpec['checks'][number]['expect'];

const KNOWN_KEYS = {
  '': ['database', 'checks'],
  'checks.*': ['name', 'database', 'sql', 'expect'],
  'checks.*.expect': ['minRows', 'atLeast', 'equals', 'freshWithin'],
};

export async function loadVerificationSpec(file: string): Promise<VerificationSpec> {
  return parseYamlInput(await readInputFile(file, 'verification file'), file, verificationSpecSchema, {
    what: 'verification file',
    knownKeys: KNOWN_KEYS,
  }).value;
}
