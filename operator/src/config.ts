import { CommonEnv, parseEnv } from '@aether/shared/config';
import { z } from 'zod';
import { ZonePodTemplate } from './api/zone-pod-template.js';
import type { ZonePodSettings } from './reconcile/types.js';

const ms = (min: number, fallback: number) => z.coerce.number().int('must be a whole number of milliseconds').min(min).max(3_600_000).default(fallback);
const k8sName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes name (lowercase letters, digits, "-" and ".")')
  .max(253);
/** A comma-separated list; blanks around entries are ignored. */
const list = (item: z.ZodString, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text) =>
      text
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
const imageRef = z
  .string()
  .regex(/^[^\s,]+$/, 'must be an image reference (no spaces or commas)')
  .max(512);
const envName = z.string().regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, 'must be environment variable names');
const json = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `must be JSON: ${(error as Error).message}` });
    return z.NEVER;
  }
});

/**
 * The operator's environment. SERVER_ID names this replica (Lease holder,
 * heartbeat key); in a pod, POD_NAME and POD_NAMESPACE come from the
 * downward API. The Kubernetes connection comes from KUBECONFIG or the
 * in-cluster service account.
 */
export const OperatorEnv = CommonEnv.pick({ SERVER_ID: true, LOG_LEVEL: true, LOG_PRETTY: true, REDIS_CLUSTER: true })
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
    /** A reconcile still running after this fails as a timeout and is retried with backoff. */
    RECONCILE_TIMEOUT_MS: ms(1000, 30_000),
    /** Overall retry rate of the work queue (token bucket, on top of per-key backoff): sustained per second, and burst. */
    WORK_QUEUE_QPS: z.coerce.number().positive('must be more than 0').max(10_000).default(10),
    WORK_QUEUE_BURST: z.coerce.number().int('must be a whole number').min(1).max(100_000).default(100),
    /** A watch silent for longer than this (no event, not even a bookmark, which the API server sends about every minute) is cut and listed again. */
    WATCH_IDLE_TIMEOUT_MS: ms(1000, 300_000),
    /** A zone server whose heartbeat is older than this has lost its zones. */
    HEARTBEAT_TIMEOUT_MS: ms(1000, 15_000),
    STATUS_REFRESH_MS: ms(1000, 10_000),
    ZONE_REDIS_SECRET: k8sName.default('aether-redis'),
    ZONE_REDIS_SECRET_KEY: z.string().min(1).default('url'),
    ZONE_DATABASE_SECRET: k8sName.default('aether-database'),
    ZONE_DATABASE_SECRET_KEY: z.string().min(1).default('url'),
    ZONE_METRICS_PORT: z.coerce.number().int('must be a whole number').min(1).max(65535).default(9464),
    /** The zone pods' image when a ZoneAssignment names none; always allowed. */
    ZONE_IMAGE: imageRef.optional(),
    /** Further images a ZoneAssignment may name: exact references, or prefixes ending in `*` (e.g. `registry.example/aether/zone:*`). */
    ZONE_IMAGE_ALLOWLIST: list(imageRef, ''),
    /** Variables a ZoneAssignment may set on zone pods, with plain values only; unset: none (the chart lists LOG_LEVEL and a few more). */
    ZONE_ENV_ALLOWLIST: list(envName, ''),
    /** Pull secrets, resources, placement and env of every zone pod, as JSON (the chart renders it from values). */
    ZONE_POD_TEMPLATE: json.pipe(ZonePodTemplate).default({}),
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

/** The part of the environment that shapes zone pods, for reconcile. */
export function zonePodSettings(env: OperatorEnv): ZonePodSettings {
  return { image: env.ZONE_IMAGE, imageAllowlist: env.ZONE_IMAGE_ALLOWLIST, envAllowlist: env.ZONE_ENV_ALLOWLIST, template: env.ZONE_POD_TEMPLATE };
}

export function parseOperatorEnv(env: NodeJS.ProcessEnv): OperatorEnv {
  return parseEnv(OperatorEnv, env);
}
