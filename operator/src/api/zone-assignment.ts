import { z } from 'zod';

/**
 * The ZoneAssignment resource (docs/design.md §6). These zod schemas are the one
 * source of truth: the CRD's OpenAPI schema is generated from them
 * (`crd.ts`), and the operator parses every object it reads with them.
 * CEL rules and `x-kubernetes-*` markers ride along as zod metadata.
 */
export const GROUP = 'aether.dev';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;
export const KIND = 'ZoneAssignment';
export const PLURAL = 'zoneassignments';
export const SINGULAR = 'zoneassignment';
export const SHORT_NAMES = ['za'];
export const CRD_NAME = `${PLURAL}.${GROUP}`;

/** Set by the operator on every zone pod; a user's env entry must not override them. */
export const RESERVED_ENV = ['SERVER_ID', 'REDIS_URL', 'DATABASE_URL', 'TICK_RATE', 'METRICS_PORT', 'ASSIGNED_ZONES'] as const;

// CEL cost estimation needs bounds on every list and string a rule walks over.
const MAX_ZONES = 256;
const MAX_ENV = 64;
const MAX_SERVERS = 1000;

const meta = (description: string, extra: Record<string, unknown> = {}) => ({ description, ...extra });

/** Kubernetes quantities ("500m", "1Gi", 2) are int-or-string in the API. */
const Quantity = z.union([z.number().int(), z.string().max(64)]).meta({ 'x-kubernetes-int-or-string': true });

export const ZoneSpec = z
  .object({
    id: z
      .string()
      .min(1)
      .max(63)
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .meta(meta('Zone id as stored in the database (lowercase letters, digits and dashes), e.g. zone-forest.')),
    weight: z.number().int().min(1).max(1000).default(1).meta(meta('Relative cost of simulating the zone; placement balances the summed weights per server.')),
  })
  .meta(meta('A zone the operator places on exactly one zone server.'));

export const ServersSpec = z
  .object({
    replicas: z.number().int().min(0).max(MAX_SERVERS).optional().meta(meta('Zone servers to run when autoscaling is off. Unset: minReplicas.')),
    minReplicas: z.number().int().min(0).max(MAX_SERVERS).default(1).meta(meta('Fewest zone servers (also the autoscaler floor).')),
    maxReplicas: z.number().int().min(1).max(MAX_SERVERS).default(10).meta(meta('Most zone servers (also the autoscaler ceiling).')),
    maxZonesPerServer: z.number().int().min(1).max(MAX_ZONES).default(8).meta(meta('A server never gets more zones than this.')),
    maxPlayersPerServer: z.number().int().min(1).default(500).meta(meta('A server reporting this many players in its heartbeat gets no further zones.')),
  })
  .meta(
    meta('How many zone-server pods to run and how much each may carry.', {
      'x-kubernetes-validations': [
        { rule: 'self.minReplicas <= self.maxReplicas', message: 'minReplicas must be <= maxReplicas' },
        {
          rule: '!has(self.replicas) || (self.replicas >= self.minReplicas && self.replicas <= self.maxReplicas)',
          message: 'replicas must lie within [minReplicas, maxReplicas]',
        },
      ],
    }),
  );

export const AutoscalingSpec = z
  .object({
    enabled: z.boolean().default(false).meta(meta('Size the server count from the players in heartbeats instead of servers.replicas.')),
    targetPlayersPerServer: z.number().int().min(1).default(300).meta(meta('The autoscaler aims at this many players per server.')),
    scaleDownStabilizationSeconds: z
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(300)
      .meta(meta('Scale down only to the highest recommendation of this many past seconds, so a dip does not cost a drain.')),
  })
  .meta(meta('Player-count autoscaling between servers.minReplicas and servers.maxReplicas.'));

export const EnvVar = z
  .object({
    name: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/)
      .meta(meta('Variable name.')),
    value: z.string().max(4096).optional().meta(meta('Literal value.')),
    valueFrom: z
      .record(z.string(), z.unknown())
      .optional()
      .meta(
        meta("Refused in a ZoneAssignment (condition EnvNotAllowed): only the operator's own configuration may reference Secrets.", {
          'x-kubernetes-preserve-unknown-fields': true,
        }),
      ),
  })
  .meta(meta('An environment variable of the zone container (core/v1 EnvVar).'));

export const ResourceRequirements = z
  .object({
    requests: z.record(z.string(), Quantity).optional().meta(meta('Minimum resources, e.g. {cpu: 500m, memory: 256Mi}.')),
    limits: z.record(z.string(), Quantity).optional().meta(meta('Maximum resources, e.g. {memory: 512Mi}.')),
  })
  .meta(meta('Container resources (core/v1 ResourceRequirements).'));

export const PodTemplateSpec = z
  .object({
    image: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .meta(meta("Zone-server container image. Unset: the operator's ZONE_IMAGE; otherwise it must be ZONE_IMAGE or in the operator's ZONE_IMAGE_ALLOWLIST.")),
    imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional().meta(meta('Kubernetes default when unset.')),
    resources: ResourceRequirements.optional(),
    env: z
      .array(EnvVar)
      .max(MAX_ENV)
      .default([])
      .meta(
        meta(
          "Extra environment variables with plain values, for names in the operator's ZONE_ENV_ALLOWLIST (the chart allows LOG_LEVEL, LOG_PRETTY, CHECKPOINT_INTERVAL_MS); valueFrom is refused.",
          {
            'x-kubernetes-validations': [
              {
                rule: `self.all(e, !(e.name in ${JSON.stringify(RESERVED_ENV)}))`,
                message: `${RESERVED_ENV.join(', ')} are set by the operator`,
              },
              { rule: 'self.all(a, self.exists_one(b, b.name == a.name))', message: 'env names must be unique' },
            ],
          },
        ),
      ),
  })
  .meta(meta('Settings of every zone-server pod.'));

export const ZoneAssignmentSpec = z
  .object({
    zones: z
      .array(ZoneSpec)
      .min(1)
      .max(MAX_ZONES)
      .meta(
        meta('Zones to place. Each is simulated by exactly one server at a time.', {
          'x-kubernetes-validations': [{ rule: 'self.all(a, self.exists_one(b, b.id == a.id))', message: 'zone ids must be unique' }],
        }),
      ),
    // Whole default objects, not `{}`: the API server checks a default against the CEL rules without filling nested defaults first.
    servers: ServersSpec.default(() => ServersSpec.parse({})),
    autoscaling: AutoscalingSpec.default(() => AutoscalingSpec.parse({})),
    template: PodTemplateSpec,
    tickRate: z.number().int().min(1).max(120).default(20).meta(meta('Simulation ticks per second (TICK_RATE of the zone servers).')),
  })
  .meta(
    meta('Desired zone placement and the zone servers to run it on.', {
      'x-kubernetes-validations': [
        {
          rule: 'size(self.zones) <= self.servers.maxReplicas * self.servers.maxZonesPerServer',
          message: 'the zones do not fit: more than servers.maxReplicas * servers.maxZonesPerServer',
        },
        {
          rule: '!self.autoscaling.enabled || self.autoscaling.targetPlayersPerServer <= self.servers.maxPlayersPerServer',
          message: 'autoscaling.targetPlayersPerServer must be <= servers.maxPlayersPerServer',
        },
      ],
    }),
  );
export type ZoneAssignmentSpec = z.infer<typeof ZoneAssignmentSpec>;
export type ZoneAssignmentSpecInput = z.input<typeof ZoneAssignmentSpec>;

const Timestamp = z
  .string()
  .max(64)
  .meta(meta('RFC 3339 time.', { format: 'date-time' }));

export const ServerStatus = z
  .object({
    name: z.string().max(253).meta(meta('Pod name = SERVER_ID of the zone server.')),
    uid: z.string().max(64).optional().meta(meta('UID of the pod last seen under this name; a new UID means a new process, whose zones get a new epoch.')),
    ready: z.boolean().meta(meta('Pod Ready and heartbeat fresh: the server may own zones.')),
    draining: z.boolean().meta(meta('Being emptied before the StatefulSet scales it away; receives no zones.')),
    zones: z.array(z.string().max(63)).max(MAX_ZONES).meta(meta('Zones the server reports simulating in its last heartbeat.')),
    players: z.number().int().min(0).meta(meta('Players on the server (last heartbeat).')),
    lastHeartbeat: Timestamp.optional().meta(meta('Time of the last heartbeat seen; absent when none was seen.', { format: 'date-time' })),
    drainHeartbeat: Timestamp.optional().meta(
      meta('While draining: the time of the heartbeat seen when the drain began. Only a newer heartbeat listing no zones ends the drain.', {
        format: 'date-time',
      }),
    ),
  })
  .meta(meta('One zone-server pod.'));
export type ServerStatus = z.infer<typeof ServerStatus>;

export const AssignmentStatus = z
  .object({
    zoneId: z.string().max(63).meta(meta('The zone.')),
    server: z.string().max(253).meta(meta('The zone server that should simulate it.')),
    epoch: z.number().int().min(0).meta(meta('Fencing token: grows with every change of owner; stale owners are refused.')),
    since: Timestamp.meta(meta('When this assignment was made.', { format: 'date-time' })),
  })
  .meta(meta('Where a zone is placed. The source of truth that the operator mirrors to zone:assignment:{zoneId} in Redis.'));
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;

/**
 * The serverId of a tombstone in `zone:assignment:{zoneId}`: the zone left the
 * spec, so its owner hands it off. A missing record would read as a Redis flush,
 * which a zone server rides out keeping its zones.
 */
export const RELEASED_SERVER_ID = '(released)';

export const RemovedZone = z
  .object({
    zoneId: z.string().max(63).meta(meta('The zone.')),
    server: z.string().max(253).meta(meta('Its last owner.')),
    epoch: z.number().int().min(0).meta(meta('Epoch of its last assignment; the tombstone in Redis carries it.')),
    since: Timestamp.meta(meta('When it left the spec.', { format: 'date-time' })),
  })
  .meta(meta('A zone that left the spec and is still being released: its Redis record is a tombstone until nobody holds its lease.'));
export type RemovedZone = z.infer<typeof RemovedZone>;

export const ConditionStatus = z.enum(['True', 'False', 'Unknown']);
export const Condition = z
  .object({
    type: z.string().max(316).meta(meta('Ready, Progressing or Degraded.')),
    status: ConditionStatus.meta(meta('True, False or Unknown.')),
    observedGeneration: z.number().int().min(0).optional().meta(meta('metadata.generation the condition was computed from.')),
    lastTransitionTime: Timestamp.meta(meta('When status last changed.', { format: 'date-time' })),
    reason: z.string().max(1024).meta(meta('CamelCase reason for the status.')),
    message: z.string().max(32768).meta(meta('Human-readable detail.')),
  })
  .meta(meta('metav1.Condition.'));
export type Condition = z.infer<typeof Condition>;

export const ZoneAssignmentStatus = z
  .object({
    observedGeneration: z.number().int().min(0).optional().meta(meta('metadata.generation last acted on.')),
    replicas: z.number().int().min(0).optional().meta(meta('Zone-server pods that exist.')),
    readyReplicas: z.number().int().min(0).optional().meta(meta('Zone servers that may own zones (pod Ready, heartbeat fresh).')),
    players: z.number().int().min(0).optional().meta(meta('Players over all zone servers (from heartbeats).')),
    zones: z.string().max(32).optional().meta(meta('Zones simulated by their assigned owner / zones in spec, e.g. 3/3.')),
    servers: z.array(ServerStatus).max(MAX_SERVERS).optional().meta(meta('Every zone-server pod.')),
    assignments: z.array(AssignmentStatus).max(MAX_ZONES).optional().meta(meta('Where each zone is placed; the source of truth.')),
    removedZones: z.array(RemovedZone).max(MAX_ZONES).optional().meta(meta('Zones that left the spec whose owner has not yet let go.')),
    conditions: z
      .array(Condition)
      .max(16)
      .optional()
      .meta(
        meta('Ready, Progressing, Degraded, and ZoneConflict while a zone is owned by another ZoneAssignment.', {
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['type'],
        }),
      ),
  })
  .meta(meta('Observed state, written by the operator.'));
export type ZoneAssignmentStatus = z.infer<typeof ZoneAssignmentStatus>;
