import type { ServerHeartbeat, ZoneAssignmentRecord, ZoneLeaseRecord } from '@aether/shared';
import { ZoneAssignmentSpec, type ZoneAssignmentSpecInput } from '../api/zone-assignment.js';
import { desiredPodDisruptionBudget } from './pdb.js';
import { desiredStatefulSet, TEMPLATE_HASH_ANNOTATION } from './statefulset.js';
import type {
  AssignmentStatus,
  Observed,
  PodDisruptionBudgetView,
  PodView,
  ReconcileSettings,
  ResourceView,
  ServerStatus,
  StatefulSetView,
  ZoneAssignmentStatus,
} from './types.js';

/** Builders for reconcile's input; a test states only what differs from a settled two-server world. */
export const NOW = Date.parse('2026-01-01T12:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();

export const SETTINGS: ReconcileSettings = {
  heartbeatTimeoutMs: 15_000,
  redisSecret: { name: 'aether-redis', key: 'url' },
  databaseSecret: { name: 'aether-database', key: 'url' },
  zoneMetricsPort: 9464,
  statusRefreshMs: 10_000,
  managedBy: 'aether-operator',
  registryGraceMs: 8_000,
  zonePod: { image: 'aether/zone:1', imageAllowlist: ['aether/zone:*'], envAllowlist: ['LOG_LEVEL', 'CHECKPOINT_INTERVAL_MS'], template: {} },
};

export const SPEC: ZoneAssignmentSpecInput = {
  zones: [{ id: 'zone-crossroads', weight: 2 }, { id: 'zone-forest' }, { id: 'zone-city' }],
  servers: { replicas: 2 },
  template: { image: 'aether/zone:1' },
};

export function resource(spec: ZoneAssignmentSpecInput = SPEC, status?: ZoneAssignmentStatus): ResourceView {
  return {
    namespace: 'game',
    name: 'world',
    uid: 'uid-world',
    generation: 1,
    resourceVersion: '100',
    createdAt: iso(NOW - 3_600_000),
    spec: ZoneAssignmentSpec.parse(spec),
    status,
    deleting: false,
  };
}

export function pod(ordinal: number, extra: Partial<PodView> = {}): PodView {
  return { name: `world-${ordinal}`, uid: `uid-pod-${ordinal}`, ordinal, ready: true, terminating: false, ...extra };
}

export function beat(zones: string[], extra: Partial<ServerHeartbeat> = {}): ServerHeartbeat {
  return { type: 'zone', zones, players: 0, tickP99Ms: 3, ts: NOW - 1_000, ...extra };
}

export function statefulSet(replicas: number, res: ResourceView = resource()): StatefulSetView {
  const manifest = desiredStatefulSet(res, res.spec!, SETTINGS, replicas);
  return {
    name: 'world',
    resourceVersion: '50',
    replicas,
    readyReplicas: replicas,
    templateHash: manifest.metadata.annotations[TEMPLATE_HASH_ANNOTATION],
    ownerUid: 'uid-world',
  };
}

export function budget(res: ResourceView = resource()): PodDisruptionBudgetView {
  const manifest = desiredPodDisruptionBudget(res, SETTINGS);
  return { name: 'world', resourceVersion: '60', templateHash: manifest.metadata.annotations[TEMPLATE_HASH_ANNOTATION], ownerUid: 'uid-world' };
}

export const assignment = (zoneId: string, server: string, epoch: number): AssignmentStatus => ({ zoneId, server, epoch, since: iso(NOW - 60_000) });

export function serverStatus(name: string, extra: Partial<ServerStatus> = {}): ServerStatus {
  const ordinal = Number(name.split('-').pop());
  return { name, uid: `uid-pod-${ordinal}`, ready: true, draining: false, zones: [], players: 0, lastHeartbeat: iso(NOW - 1_000), ...extra };
}

/** world-0: crossroads; world-1: forest + city; everything claimed and mirrored. */
export function settled(overrides: Partial<Observed> = {}, spec: ZoneAssignmentSpecInput = SPEC): Observed {
  const assignments = [assignment('zone-crossroads', 'world-0', 3), assignment('zone-forest', 'world-1', 4), assignment('zone-city', 'world-1', 5)];
  const res = resource(spec, {
    observedGeneration: 1,
    replicas: 2,
    readyReplicas: 2,
    players: 0,
    zones: '3/3',
    servers: [serverStatus('world-0', { zones: ['zone-crossroads'] }), serverStatus('world-1', { zones: ['zone-city', 'zone-forest'] })],
    assignments,
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        observedGeneration: 1,
        lastTransitionTime: iso(NOW - 60_000),
        reason: 'AllZonesServed',
        message: 'all 3 zone(s) are simulated by their assigned server',
      },
      {
        type: 'Progressing',
        status: 'False',
        observedGeneration: 1,
        lastTransitionTime: iso(NOW - 60_000),
        reason: 'Stable',
        message: '3 zone(s) on 2 server(s)',
      },
      {
        type: 'Degraded',
        status: 'False',
        observedGeneration: 1,
        lastTransitionTime: iso(NOW - 60_000),
        reason: 'AsExpected',
        message: 'no zone server lost and every zone placeable',
      },
    ],
  });
  return {
    now: NOW,
    resource: res,
    statefulSet: statefulSet(2, res),
    podDisruptionBudget: budget(res),
    pods: [pod(0), pod(1)],
    rivals: [],
    heartbeats: new Map([
      ['world-0', beat(['zone-crossroads'])],
      ['world-1', beat(['zone-forest', 'zone-city'])],
    ]),
    leases: leasesOf(assignments),
    redisAssignments: recordsOf(assignments),
    recommendations: [],
    epochCounter: 9,
    registryResetAt: undefined,
    settings: SETTINGS,
    ...overrides,
  };
}

export function leasesOf(assignments: AssignmentStatus[]): Map<string, ZoneLeaseRecord> {
  return new Map(assignments.map((a) => [a.zoneId, { serverId: a.server, epoch: a.epoch }]));
}

export function recordsOf(assignments: AssignmentStatus[]): Map<string, ZoneAssignmentRecord> {
  return new Map(assignments.map((a) => [a.zoneId, { serverId: a.server, epoch: a.epoch, assignedAt: Date.parse(a.since) }]));
}
