import * as z from 'zod';

/** The billing account a new budget goes on, and the project number it is filtered to. */
export const evidence = z.strictObject({
  billingAccount: z.string().min(1),
  projectNumber: z.string().optional(),
});
export type Evidence = z.infer<typeof evidence>;
