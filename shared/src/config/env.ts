import { z } from 'zod';
import { isSecretName, redactText } from '../observability/redact.js';

/** Problems with the environment, each naming the variable, so the process can stop with one clear message. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int('must be a whole number').min(0).max(65535);

/** Variables every Aether process reads (docs/design.md §2 names them). */
export const CommonEnv = z.object({
  SERVER_ID: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, ".", "_" or "-", at most 63')
    .optional(),
  GATEWAY_PORT: port.default(3100),
  /**
   * Address the gateway's players' port binds to. Unset: all interfaces for
   * the distributed gateway (a pod), loopback for the one-process game, so
   * `make dev` is not reachable from the network unless asked.
   */
  GATEWAY_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:_-]{1,253}$/, 'an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** 1: REDIS_URL lists the seed nodes of a Redis Cluster, separated by commas (docs/design.md §2). */
  REDIS_CLUSTER: z.enum(['0', '1'], { error: 'must be 1 (Redis Cluster) or 0' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  TICK_RATE: z.coerce.number().int('must be a whole number').min(1).max(120).default(20),
  ASSIGNED_ZONES: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((zone) => zone.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'zone ids are lowercase letters, digits and dashes'))),
  AUTH_MODE: z.enum(['dev', 'jwt', 'password']).default('dev'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: z.enum(['0', '1']).optional(),
  METRICS_PORT: port.optional(),
  /** Where embedded mode keeps its PostgreSQL data. */
  DATA_DIR: z.string().min(1).default('.data'),
});
export type CommonEnv = z.infer<typeof CommonEnv>;

/**
 * Parses the environment with a zod schema. Empty strings count as unset,
 * because `FOO=` in a shell or a Helm value usually means "no value".
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const variable = String(issue.path[0]);
      return `${name}: ${issue.message}${describeGiven(variable, cleaned[variable])}`;
    }),
  );
}

/** The offending value for the error message, without the secrets a value may carry (it reaches logs). */
function describeGiven(variable: string, given: string | undefined): string {
  if (given === undefined) return '';
  if (isSecretName(variable)) return ` (got a value of ${given.length} characters)`;
  return ` (got ${JSON.stringify(redactText(given))})`;
}
