import * as z from 'zod';

/** An internet-facing backend service without a Cloud Armor policy, and its scope ("global", "regions/R"). */
export const evidence = z.strictObject({
  scope: z.string().min(1),
  service: z.looseObject({
    name: z.string().min(1),
    loadBalancingScheme: z.string().optional(),
    protocol: z.string().optional(),
    portName: z.string().optional(),
    timeoutSec: z.number().optional(),
    healthChecks: z.array(z.string()).optional(),
    sessionAffinity: z.string().optional(),
    enableCDN: z.boolean().optional(),
    backends: z
      .array(
        z.looseObject({
          group: z.string().optional(),
          balancingMode: z.string().optional(),
          capacityScaler: z.number().optional(),
          maxRatePerEndpoint: z.number().optional(),
          maxUtilization: z.number().optional(),
        }),
      )
      .optional(),
  }),
});
export type Evidence = z.infer<typeof evidence>;
