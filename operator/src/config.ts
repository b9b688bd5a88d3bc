import { CommonEnv, parseEnv } from '@aether/shared/config';
import { z } from 'zod';

const ms = (min: number, fallback: number) => z.coerce.number().int('must be a whole number of milliseconds').min(min).max(3_600_000).default(fallback);
const k8sName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes name (lowercase letters, digits, "-" and ".")')
  .max(253);

/**
 * The operator's environment. SERVER_ID names this replica (Lease holder,
 * heartbeat key); in a pod, POD_NAME and POD_NAMESPACE come from the
 * downward API. The Kubernetes connection comes from KUBECONFIG or the
 * in-cluster service account.
 */
export const OperatorEnv = CommonEnv.pick({ SERVER_ID: true, LOG_LEVEL: true, LOG_PRETTY: true })
  .extend({
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
    METRICS_PORT: z.coerce.number().int('must be a whole number').min(0).max(65535).default(9464),
    POD_NAME: z.string().optional(),
    POD_NAMESPACE: k8sName.optional(),
    /** Only ZoneAssignments in this namespace; unset: all namespaces. */
    WATCH_NAMESPACE: k8sName.optional(),
    LEADER_ELECTION_NAMESPACE: k8sName.optional(),
    LEADER_ELECTION_NAME: k8sName.default('aether-operator'),
    LEADER_LEASE_DURATION_MS: ms(1000, 15_000),
    LEADER_RENEW_INTERVAL_MS: ms(100, 5_000),
    LEADER_RENEW_DEADLINE_MS: ms(200, 10_000),
    LEADER_RETRY_INTERVAL_MS: ms(100, 2_000),
    /** Heartbeats expire without a Kubernetes event, so every resource is re-examined this often. */
    RESYNC_INTERVAL_MS: ms(100, 2_000),
    /** A zone server whose heartbeat is older than this has lost its zones. */
    HEARTBEAT_TIMEOUT_MS: ms(1000, 15_000),
    STATUS_REFRESH_MS: ms(1000, 10_000),
    ZONE_REDIS_SECRET: k8sName.default('aether-redis'),
    ZONE_REDIS_SECRET_KEY: z.string().min(1).default('url'),
    ZONE_DATABASE_SECRET: k8sName.default('aether-database'),
    ZONE_DATABASE_SECRET_KEY: z.string().min(1).default('url'),
    ZONE_METRICS_PORT: z.coerce.number().int('must be a whole number').min(1).max(65535).default(9464),
  })
  .superRefine((env, ctx) => {
    // client-go's constraints: renew well inside the deadline, and step down before anyone else may take over.
    if (env.LEADER_RENEW_INTERVAL_MS >= env.LEADER_RENEW_DEADLINE_MS) {
      ctx.addIssue({ code: 'custom', path: ['LEADER_RENEW_INTERVAL_MS'], message: 'must be less than LEADER_RENEW_DEADLINE_MS' });
    }
    if (env.LEADER_RENEW_DEADLINE_MS >= env.LEADER_LEASE_DURATION_MS) {
      ctx.addIssue({ code: 'custom', path: ['LEADER_RENEW_DEADLINE_MS'], message: 'must be less than LEADER_LEASE_DURATION_MS' });
    }
    if (env.LEADER_RETRY_INTERVAL_MS >= env.LEADER_RENEW_DEADLINE_MS) {
      ctx.addIssue({ code: 'custom', path: ['LEADER_RETRY_INTERVAL_MS'], message: 'must be less than LEADER_RENEW_DEADLINE_MS' });
    }
  });
export type OperatorEnv = z.infer<typeof OperatorEnv>;

export function parseOperatorEnv(env: NodeJS.ProcessEnv): OperatorEnv {
  return parseEnv(OperatorEnv, env);
}
