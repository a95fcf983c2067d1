import * as z from 'zod';

/** The billing account and the budgets covering the project, none of which publishes to Pub/Sub. */
export const evidence = z.strictObject({
  billingAccount: z.string().min(1),
  projectNumber: z.string().optional(),
  budgets: z.array(z.string().nullable().optional()).optional(),
});
export type Evidence = z.infer<typeof evidence>;
