import { z } from 'zod';
import { EnvVar, RESERVED_ENV, ResourceRequirements } from './zone-assignment.js';

/** A Kubernetes object passed to the pod spec unchanged (the API server validates it). */
const KubeObject = z.record(z.string(), z.unknown());
const StringMap = z.record(z.string(), z.string());

/**
 * ZONE_POD_TEMPLATE: what every zone pod gets from whoever installs the
 * operator (the chart renders it from values). It is trusted, unlike a
 * ZoneAssignment's template: its env may use valueFrom, and it alone sets
 * pull secrets and placement. The security context is not configurable: zone
 * pods always meet the `restricted` Pod Security level.
 */
export const ZonePodTemplate = z
  .object({
    imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
    imagePullSecrets: z.array(z.object({ name: z.string().min(1) }).strict()).optional(),
    /** Used when the ZoneAssignment sets no resources. */
    resources: ResourceRequirements.optional(),
    nodeSelector: StringMap.optional(),
    tolerations: z.array(KubeObject).optional(),
    affinity: KubeObject.optional(),
    /** A constraint without labelSelector gets the pods of its own ZoneAssignment. */
    topologySpreadConstraints: z.array(KubeObject).optional(),
    priorityClassName: z.string().min(1).optional(),
    podLabels: StringMap.optional(),
    podAnnotations: StringMap.optional(),
    env: z
      .array(EnvVar)
      .optional()
      .refine((env) => !(env ?? []).some((e) => (RESERVED_ENV as readonly string[]).includes(e.name)), {
        message: `${RESERVED_ENV.join(', ')} are set by the operator`,
      }),
  })
  .strict();
export type ZonePodTemplate = z.infer<typeof ZonePodTemplate>;
