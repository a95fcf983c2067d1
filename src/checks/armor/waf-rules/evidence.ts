import * as z from 'zod';

/** The policy a failing backend service uses, and what it lacks. */
export const evidence = z.strictObject({
  policy: z.string().optional(),
  scope: z.string(),
  missingWaf: z.array(z.string()),
  missingRateLimit: z.boolean(),
});
export type Evidence = z.infer<typeof evidence>;
