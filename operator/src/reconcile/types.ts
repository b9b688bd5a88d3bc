import type { ServerHeartbeat, ZoneAssignmentRecord, ZoneLeaseRecord } from '@aether/shared';
import type { AssignmentStatus, Condition, RemovedZone, ServerStatus, ZoneAssignmentSpec, ZoneAssignmentStatus } from '../api/zone-assignment.js';
import type { ZonePodTemplate } from '../api/zone-pod-template.js';

/**
 * What reconcile sees: plain data, already narrowed from API objects by the
 * I/O layer, so the pure core never depends on a client library's shapes.
 */
export interface ResourceView {
  namespace: string;
  name: string;
  uid: string;
  generation: number;
  resourceVersion: string;
  /** metadata.creationTimestamp (ISO): the older of two resources naming a zone keeps it. */
  createdAt: string;
  /** Parsed with the zod schema (defaults applied); `specError` when it does not parse. */
  spec: ZoneAssignmentSpec | undefined;
  specError?: string;
  status: ZoneAssignmentStatus | undefined;
  deleting: boolean;
}

export interface StatefulSetView {
  name: string;
  resourceVersion: string;
  /** spec.replicas */
  replicas: number;
  readyReplicas: number;
  /** The `aether.dev/template-hash` annotation: what the pod template was built from. */
  templateHash: string | undefined;
  /** UID of the controlling owner; another owner means the name is taken. */
  ownerUid: string | undefined;
}

export interface PodDisruptionBudgetView {
  name: string;
  resourceVersion: string;
  /** The `aether.dev/template-hash` annotation: what the budget was built from. */
  templateHash: string | undefined;
  ownerUid: string | undefined;
}

/** Another ZoneAssignment that names zones (it may be older and own some of ours). */
export interface ZoneClaim {
  namespace: string;
  name: string;
  createdAt: string;
  zones: readonly string[];
}

export interface PodView {
  name: string;
  uid: string;
  /** From the StatefulSet pod name suffix; -1 when the name has none. */
  ordinal: number;
  ready: boolean;
  /** deletionTimestamp set. */
  terminating: boolean;
}

export interface Recommendation {
  at: number;
  replicas: number;
}

/** What zone pods get from the operator's configuration, not from a ZoneAssignment's author. */
export interface ZonePodSettings {
  /** ZONE_IMAGE: used when the ZoneAssignment names no image; always allowed. */
  image: string | undefined;
  /** ZONE_IMAGE_ALLOWLIST: other images a ZoneAssignment may name (exact, or a prefix ending in `*`). */
  imageAllowlist: readonly string[];
  /** ZONE_ENV_ALLOWLIST: variables a ZoneAssignment may set, plain values only. */
  envAllowlist: readonly string[];
  /** ZONE_POD_TEMPLATE. */
  template: ZonePodTemplate;
}

/** Operator-wide settings that shape what reconcile asks for. */
export interface ReconcileSettings {
  /** A heartbeat older than this counts as lost (the key's TTL is 15 s). */
  heartbeatTimeoutMs: number;
  redisSecret: { name: string; key: string };
  databaseSecret: { name: string; key: string };
  /** METRICS_PORT of the zone containers (/health, /metrics). */
  zoneMetricsPort: number;
  /** Status fields that change all the time (players, heartbeat times) are refreshed at most this often. */
  statusRefreshMs: number;
  /** Name of this operator, for Events and labels. */
  managedBy: string;
  /** After Redis lost its data, a server with no heartbeat key keeps its zones this long (one heartbeat interval and some). */
  registryGraceMs: number;
  zonePod: ZonePodSettings;
}

export interface Observed {
  now: number;
  resource: ResourceView;
  statefulSet: StatefulSetView | undefined;
  podDisruptionBudget: PodDisruptionBudgetView | undefined;
  pods: readonly PodView[];
  /** The other ZoneAssignments the operator watches. */
  rivals: readonly ZoneClaim[];
  /** serverId → heartbeat (every heartbeat in Redis; reconcile picks its own servers). */
  heartbeats: ReadonlyMap<string, ServerHeartbeat>;
  /** zoneId → lease, for this resource's zones (spec, status assignments and removed zones). */
  leases: ReadonlyMap<string, ZoneLeaseRecord>;
  /** zoneId → `zone:assignment:{zoneId}` in Redis, for this resource's zones. */
  redisAssignments: ReadonlyMap<string, ZoneAssignmentRecord>;
  /** Autoscaler history (in memory of the leader). */
  recommendations: readonly Recommendation[];
  /** The global epoch counter in Redis, read without drawing from it. */
  epochCounter: number;
  /** When this leader last saw Redis lose its data (the epoch counter behind status); in memory. */
  registryResetAt: number | undefined;
  settings: ReconcileSettings;
}

/** An assignment whose epoch is still to be drawn from the global counter (a new owner). */
export type PlannedAssignment = Omit<AssignmentStatus, 'epoch'> & { epoch: number | undefined };

export type PlannedStatus = Omit<ZoneAssignmentStatus, 'assignments'> & { assignments: PlannedAssignment[] };

export type ReassignReason = 'heartbeat_expired' | 'pod_gone' | 'pod_not_ready' | 'pod_replaced' | 'drain' | 'rebalance';

export type EventType = 'Normal' | 'Warning';

/** Everything reconcile asks the I/O layer to do, in order. */
export type Action =
  | { kind: 'createStatefulSet'; statefulSet: Manifest }
  | { kind: 'updateStatefulSet'; statefulSet: Manifest }
  | { kind: 'createPodDisruptionBudget'; budget: Manifest }
  | { kind: 'updatePodDisruptionBudget'; budget: Manifest }
  /** Writes status (optimistic: fails on a newer resourceVersion). Pending epochs are drawn first, above `epochFloor`. */
  | { kind: 'updateStatus'; status: PlannedStatus; epochFloor: number }
  /** Mirrors these zones' assignments (from the status just written, or the observed one) to Redis and announces them. */
  | { kind: 'writeAssignments'; zoneIds: string[] }
  | { kind: 'deleteAssignments'; zoneIds: string[] }
  /** Zones removed from the spec: their records name no server, so the owner hands them off (a missing record reads as a Redis flush). */
  | { kind: 'writeTombstones'; zones: Array<{ zoneId: string; epoch: number }> }
  /** With `zoneId`, the I/O layer appends the epoch the zone got (drawn only when the status is written). */
  | { kind: 'event'; type: EventType; reason: string; message: string; zoneId?: string }
  | { kind: 'countReassignments'; reason: ReassignReason; count: number }
  | { kind: 'rememberRecommendation'; recommendation: Recommendation; window: number }
  /** Redis lost its data: put the epoch counter back above every epoch in status. */
  | { kind: 'restoreEpochCounter'; floor: number }
  | { kind: 'rememberRegistryReset'; at: number };

export type ServerState = 'ready' | 'draining' | 'starting' | 'lost';

export interface Plan {
  actions: Action[];
  /** Check again this soon even without a watch event (a drain or a claim in flight). */
  requeueAfterMs?: number;
  /** For metrics: servers by state and heartbeat ages. */
  report: { servers: Record<ServerState, number>; heartbeatAgeSeconds: Record<string, number> };
}

/**
 * A Kubernetes object the operator writes, as plain JSON. The metadata it reads back (the writer's
 * name and namespace, reconcile's template hash annotation) is typed; the rest passes through.
 */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; annotations: Record<string, string>; resourceVersion?: string; [field: string]: unknown };
  spec?: Record<string, unknown>;
};

export type { AssignmentStatus, Condition, RemovedZone, ServerStatus, ZoneAssignmentSpec, ZoneAssignmentStatus };
