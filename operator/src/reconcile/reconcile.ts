import { RELEASED_SERVER_ID } from '../api/zone-assignment.js';
import { desiredReplicas } from './autoscale.js';
import { setConditions, type ConditionInput } from './conditions.js';
import { zoneConflicts } from './conflicts.js';
import { desiredPodDisruptionBudget } from './pdb.js';
import { placeZones, type PlacementResult } from './placement.js';
import { checkPodPolicy } from './pod-policy.js';
import { classifyServers, describeReason, serverState, type ServerView } from './servers.js';
import { desiredStatefulSet, statefulSetName, TEMPLATE_HASH_ANNOTATION } from './statefulset.js';
import { statusChanged } from './status-diff.js';
import type { Action, Observed, Plan, PlannedStatus, ReassignReason, RemovedZone, ServerState, ServerStatus, ZoneAssignmentSpec } from './types.js';

/** While something is in flight (a drain, a claim), look again this soon even without a watch event. */
const BUSY_REQUEUE_MS = 1_000;

/**
 * The whole control loop as one pure function: observed state in, the
 * actions that move the world towards the spec out. Level-triggered and
 * idempotent: run twice on the same observation, it asks for the same
 * things; run on the observation its own actions produce, it asks for
 * nothing. `status.assignments` is the source of truth for placement; Redis
 * is mirrored from it.
 */
export function reconcile(o: Observed): Plan {
  const resource = o.resource;
  if (resource.deleting) return { actions: [], report: emptyReport() };
  if (!resource.spec) return blocked(o, 'InvalidSpec', `spec does not validate: ${resource.specError ?? 'unknown error'}`);
  const sts = o.statefulSet;
  if (sts && sts.ownerUid !== resource.uid) {
    return blocked(o, 'StatefulSetConflict', `StatefulSet ${sts.name} exists and is not controlled by this ZoneAssignment`);
  }
  const budget = o.podDisruptionBudget;
  if (budget && budget.ownerUid !== resource.uid) {
    return blocked(o, 'PodDisruptionBudgetConflict', `PodDisruptionBudget ${budget.name} exists and is not controlled by this ZoneAssignment`);
  }
  const violation = checkPodPolicy(resource.spec, o.settings.zonePod);
  if (violation) return blocked(o, violation.reason, violation.message);
  // An older ZoneAssignment keeps a zone both name: this one places the rest, and never writes that zone's records.
  const conflicts = zoneConflicts(resource, resource.spec, o.rivals);
  const spec = conflicts.size === 0 ? resource.spec : { ...resource.spec, zones: resource.spec.zones.filter((zone) => !conflicts.has(zone.id)) };
  const previous = resource.status ?? {};
  const nowIso = new Date(o.now).toISOString();
  const actions: Action[] = [];
  const events: Action[] = [];
  const event = (type: 'Normal' | 'Warning', reason: string, message: string, zoneId?: string) =>
    events.push({ kind: 'event', type, reason, message, ...(zoneId ? { zoneId } : {}) });

  // ── servers and the replica target ──────────────────────────────────────
  const current = sts?.replicas ?? 0;
  // The counter below an epoch already handed out: Redis lost its data, heartbeat keys included.
  const epochFloor = Math.max(
    0,
    ...(previous.assignments ?? []).map((a) => a.epoch),
    ...(previous.removedZones ?? []).map((a) => a.epoch),
    ...[...o.redisAssignments.values()].map((r) => r.epoch),
  );
  const registryLost = o.epochCounter < epochFloor;
  const resetAt = registryLost && (o.registryResetAt === undefined || o.now - o.registryResetAt > o.settings.registryGraceMs) ? o.now : o.registryResetAt;
  if (registryLost) {
    actions.push({ kind: 'restoreEpochCounter', floor: epochFloor });
    if (resetAt === o.now) {
      actions.push({ kind: 'rememberRegistryReset', at: o.now });
      event(
        'Warning',
        'RegistryReset',
        `Redis lost its data (epoch counter ${o.epochCounter} < ${epochFloor}): restoring assignments from status; servers have ${o.settings.registryGraceMs / 1000}s to heartbeat again`,
      );
    }
  }
  const servers = classifyServers({
    statefulSet: statefulSetName(resource),
    replicas: current,
    pods: o.pods,
    heartbeats: o.heartbeats,
    previous: previous.servers ?? [],
    assignments: previous.assignments ?? [],
    now: o.now,
    heartbeatTimeoutMs: o.settings.heartbeatTimeoutMs,
    heartbeatGraceUntil: resetAt === undefined ? -Infinity : resetAt + o.settings.registryGraceMs,
  });
  const players = servers.filter((s) => s.live).reduce((sum, s) => sum + (s.heartbeat?.players ?? 0), 0);
  const scale = desiredReplicas({ spec, players, current, now: o.now, history: o.recommendations });
  const target = scale.replicas;
  for (const server of servers) server.draining = server.ordinal < 0 || server.ordinal >= target;
  const window = spec.autoscaling.scaleDownStabilizationSeconds * 1000;
  for (const recommendation of scale.remember) actions.push({ kind: 'rememberRecommendation', recommendation, window });

  // ── placement ───────────────────────────────────────────────────────────
  const placement = placeZones(spec, servers, previous.assignments ?? [], nowIso);
  const byName = new Map(servers.map((s) => [s.name, s]));
  const lostWithZones = new Set(placement.changes.filter((c) => c.from && !byName.get(c.from)?.live).map((c) => c.from!));
  for (const name of lostWithZones) {
    const server = byName.get(name);
    const count = placement.changes.filter((c) => c.from === name).length;
    event('Warning', 'ServerLost', `${name}: ${server?.lostReason ? describeReason(server.lostReason, server) : 'pod gone'}; moving its ${count} zone(s)`);
  }
  for (const change of placement.changes) {
    if (!change.reason) event('Normal', 'ZoneAssigned', `${change.zoneId} assigned to ${change.to}`, change.zoneId);
    else
      event(
        'Normal',
        'ZoneMoved',
        `${change.zoneId} moved from ${change.from} to ${change.to} (${describeReason(change.reason, byName.get(change.from!))})`,
        change.zoneId,
      );
  }
  for (const removed of placement.removed) {
    if (conflicts.has(removed.zoneId))
      event('Warning', 'ZoneConflict', `${removed.zoneId} belongs to ${conflicts.get(removed.zoneId)}; ${removed.server} gives it up`);
    else event('Normal', 'ZoneRemoved', `${removed.zoneId} left the spec; ${removed.server} is told to release it`);
  }
  const tombstones = releaseRemovedZones(o, spec, placement, conflicts, nowIso);
  for (const zoneId of tombstones.released) event('Normal', 'ZoneReleased', `${zoneId} is released: nobody holds its lease; tombstone deleted`);

  // ── StatefulSet: scale up at once, scale down only past drained servers ──
  const previousServers = new Map((previous.servers ?? []).map((s) => [s.name, s]));
  const drained = (server: ServerView | undefined) => server === undefined || isDrained(server, placement, o, previousServers.get(server.name));
  let next = target;
  if (target < current) {
    next = current;
    while (next > target && drained(byName.get(`${statefulSetName(resource)}-${next - 1}`))) next -= 1;
  }
  const desired = desiredStatefulSet(resource, spec, o.settings, sts ? next : target, sts?.resourceVersion);
  if (!sts) {
    actions.push({ kind: 'createStatefulSet', statefulSet: desired });
    event('Normal', 'StatefulSetCreated', `created StatefulSet ${desired.metadata.name} with ${target} replica(s)`);
  } else if (sts.replicas !== next || sts.templateHash !== desired.metadata.annotations[TEMPLATE_HASH_ANNOTATION]) {
    actions.push({ kind: 'updateStatefulSet', statefulSet: desired });
    if (next > current) event('Normal', 'ScalingUp', `${current} → ${next} zone server(s): ${scale.why}`);
    if (next < current) {
      for (let ordinal = current - 1; ordinal >= next; ordinal -= 1) {
        event('Normal', 'DrainFinished', `${statefulSetName(resource)}-${ordinal} owns no zones; removing its pod`);
      }
      event('Normal', 'ScalingDown', `${current} → ${next} zone server(s): ${scale.why}`);
    }
    if (sts.templateHash !== desired.metadata.annotations[TEMPLATE_HASH_ANNOTATION]) {
      event('Normal', 'StatefulSetUpdated', `pod template of ${sts.name} changed; rolling the zone servers`);
    }
  }
  // At most one zone server evicted at a time (node drains): each hands its zones over first.
  const desiredBudget = desiredPodDisruptionBudget(resource, o.settings, budget?.resourceVersion);
  if (!budget) actions.push({ kind: 'createPodDisruptionBudget', budget: desiredBudget });
  else if (budget.templateHash !== desiredBudget.metadata.annotations[TEMPLATE_HASH_ANNOTATION]) {
    actions.push({ kind: 'updatePodDisruptionBudget', budget: desiredBudget });
  }
  const wasDraining = new Set((previous.servers ?? []).filter((s) => s.draining).map((s) => s.name));
  for (const server of servers) {
    const exists = server.pod !== undefined && server.ordinal >= 0 && server.ordinal < current;
    if (server.draining && exists && !wasDraining.has(server.name)) {
      event('Normal', 'DrainStarted', `${server.name}: scaling to ${target}; moving its zones away before the pod is removed`);
    }
    if (!server.draining && wasDraining.has(server.name) && exists) event('Normal', 'DrainCancelled', `${server.name} is wanted again (target ${target})`);
  }

  // ── status ──────────────────────────────────────────────────────────────
  const status = buildStatus(o, spec, servers, placement, target, next, nowIso, conflicts, tombstones.kept);
  const conflictBefore = previous.conditions?.find((c) => c.type === 'ZoneConflict');
  const conflictNow = status.conditions!.find((c) => c.type === 'ZoneConflict');
  if (conflictNow?.status === 'True' && (conflictBefore?.status !== 'True' || conflictBefore.message !== conflictNow.message)) {
    event('Warning', 'ZoneConflict', conflictNow.message);
  }
  const degradedBefore = previous.conditions?.find((c) => c.type === 'Degraded');
  const degradedNow = status.conditions!.find((c) => c.type === 'Degraded')!;
  if (degradedNow.status === 'True' && (degradedBefore?.status !== 'True' || degradedBefore.reason !== degradedNow.reason)) {
    event('Warning', degradedNow.reason, degradedNow.message);
  }
  if (statusChanged(previous, status, o.now, o.settings.statusRefreshMs)) actions.push({ kind: 'updateStatus', status, epochFloor });

  // ── Redis mirrors status ──────────────────────────────────────────────
  const changedZones = placement.changes.map((c) => c.zoneId);
  const stale = status.assignments
    .filter((a) => a.epoch !== undefined)
    .filter((a) => {
      const record = o.redisAssignments.get(a.zoneId);
      // A newer epoch in Redis means this observation of status is older than our last write: leave it.
      return !record || record.epoch < a.epoch! || (record.epoch === a.epoch && record.serverId !== a.server);
    })
    .map((a) => a.zoneId);
  if (changedZones.length + stale.length > 0) actions.push({ kind: 'writeAssignments', zoneIds: [...changedZones, ...stale] });
  if (stale.length > 0) event('Normal', 'AssignmentsRestored', `re-wrote ${stale.length} zone assignment(s) in Redis from status: ${stale.join(', ')}`);
  if (tombstones.write.length > 0) actions.push({ kind: 'writeTombstones', zones: tombstones.write.map(({ zoneId, epoch }) => ({ zoneId, epoch })) });
  if (tombstones.released.length > 0) actions.push({ kind: 'deleteAssignments', zoneIds: tombstones.released });

  // ── metrics ─────────────────────────────────────────────────────────────
  const moves = new Map<ReassignReason, number>();
  for (const change of placement.changes) if (change.reason) moves.set(change.reason, (moves.get(change.reason) ?? 0) + 1);
  for (const [reason, count] of moves) actions.push({ kind: 'countReassignments', reason, count });

  const busy =
    next !== target || servers.some((s) => s.draining && s.pod) || status.zones !== `${spec.zones.length}/${spec.zones.length}` || tombstones.kept.length > 0;
  return {
    actions: [...actions, ...events],
    ...(busy ? { requeueAfterMs: BUSY_REQUEUE_MS } : {}),
    report: report(servers),
  };
}

/**
 * Drained: nothing assigned to it any more, no lease in its name (it has
 * handed every zone off), and its heartbeat, if it still has one, lists no
 * zones — a heartbeat sent after the drain began, since an older one may
 * predate a zone it claimed just before. Only then may its pod go.
 */
function isDrained(server: ServerView, placement: PlacementResult, o: Observed, before: ServerStatus | undefined): boolean {
  if (placement.assignments.some((a) => a.server === server.name)) return false;
  if ([...o.leases.values()].some((lease) => lease.serverId === server.name)) return false;
  const heartbeat = o.heartbeats.get(server.name);
  if (!heartbeat) return true;
  // The drain must be on record (status) before it can be over.
  if (!before?.draining) return false;
  const since = before.drainHeartbeat ? Date.parse(before.drainHeartbeat) : -Infinity;
  return heartbeat.zones.length === 0 && heartbeat.ts > since;
}

interface Tombstones {
  /** Still being released: kept in status.removedZones. */
  kept: RemovedZone[];
  /** Tombstone records to (re-)write in Redis. */
  write: RemovedZone[];
  /** Released (tombstone in Redis, nobody holds the lease): delete the record. */
  released: string[];
}

/**
 * A zone that leaves the spec keeps a tombstone in status until its owner has
 * let go: its Redis record names no server (so the owner hands it off, where a
 * missing record would read as a Redis flush), and is re-written if Redis
 * loses it. Once the record is the tombstone and nobody holds the lease, the
 * record goes and so does the tombstone. A record naming another server means
 * the zone lives on elsewhere (another ZoneAssignment): nothing to release.
 */
function releaseRemovedZones(
  o: Observed,
  spec: ZoneAssignmentSpec,
  placement: PlacementResult,
  conflicts: ReadonlyMap<string, string>,
  nowIso: string,
): Tombstones {
  const inSpec = new Set(spec.zones.map((zone) => zone.id));
  const candidates = new Map<string, RemovedZone>();
  for (const removed of o.resource.status?.removedZones ?? []) candidates.set(removed.zoneId, removed);
  for (const removed of placement.removed) {
    if (!conflicts.has(removed.zoneId)) candidates.set(removed.zoneId, { zoneId: removed.zoneId, server: removed.server, epoch: removed.epoch, since: nowIso });
  }
  const result: Tombstones = { kept: [], write: [], released: [] };
  for (const removed of candidates.values()) {
    // Back in the spec (or now another resource's): placement decides again, and a new epoch supersedes the tombstone.
    if (inSpec.has(removed.zoneId) || conflicts.has(removed.zoneId)) continue;
    const record = o.redisAssignments.get(removed.zoneId);
    if (record && record.serverId !== RELEASED_SERVER_ID && record.serverId !== removed.server) continue;
    if (record?.serverId === RELEASED_SERVER_ID && !o.leases.has(removed.zoneId)) {
      result.released.push(removed.zoneId);
      continue;
    }
    result.kept.push(removed);
    if (record?.serverId !== RELEASED_SERVER_ID) result.write.push(removed);
  }
  return result;
}

function buildStatus(
  o: Observed,
  spec: ZoneAssignmentSpec,
  servers: readonly ServerView[],
  placement: PlacementResult,
  target: number,
  next: number,
  nowIso: string,
  conflicts: ReadonlyMap<string, string>,
  removedZones: readonly RemovedZone[],
): PlannedStatus {
  const previous = o.resource.status ?? {};
  const before = new Map((previous.servers ?? []).map((s) => [s.name, s]));
  const serverStatus = servers
    .filter((s) => s.pod || placement.assignments.some((a) => a.server === s.name))
    .map((s): ServerStatus => {
      const was = before.get(s.name);
      const lastHeartbeat = s.heartbeat ? new Date(s.heartbeat.ts).toISOString() : was?.lastHeartbeat;
      // Kept while the pod is away, so a pod that comes back under the name is known to be a new one.
      const uid = s.pod?.uid ?? was?.uid;
      // Fixed when the drain starts, from the heartbeat's own clock: what "a newer heartbeat" is measured against.
      const drainHeartbeat = s.draining ? (was?.draining ? was.drainHeartbeat : lastHeartbeat) : undefined;
      return {
        name: s.name,
        ...(uid ? { uid } : {}),
        // On hold after a Redis data loss still counts: it keeps its zones.
        ready: s.live || s.holding,
        draining: s.draining,
        zones: s.heartbeat ? [...s.heartbeat.zones].sort() : [],
        players: s.live ? (s.heartbeat?.players ?? 0) : 0,
        ...(lastHeartbeat ? { lastHeartbeat } : {}),
        ...(drainHeartbeat ? { drainHeartbeat } : {}),
      };
    });
  const owned = placement.assignments.filter((a) => {
    const lease = o.leases.get(a.zoneId);
    // Above the assigned epoch: the server found that epoch behind PostgreSQL's fence and claimed a fresh one (docs/design.md §5).
    return a.epoch !== undefined && lease?.serverId === a.server && lease.epoch >= a.epoch && servers.find((s) => s.name === a.server)?.live;
  }).length;
  const total = spec.zones.length;
  const live = servers.filter((s) => s.live);
  const lost = servers.filter((s) => !s.live && !s.holding && s.known && s.ordinal >= 0 && s.ordinal < target);
  const draining = servers.filter((s) => s.draining && s.pod);
  const pending = placement.assignments.filter((a) => a.epoch === undefined).length;
  const current = o.statefulSet?.replicas ?? 0;

  let ready: ConditionInput;
  if (owned === total)
    ready = { type: 'Ready', status: true, reason: 'AllZonesServed', message: `all ${total} zone(s) are simulated by their assigned server` };
  else if (live.length === 0)
    ready = { type: 'Ready', status: false, reason: 'NoServers', message: 'no zone server is ready (pod Ready and a fresh heartbeat)' };
  else if (placement.unplaced.length > 0)
    ready = { type: 'Ready', status: false, reason: 'ZonesUnplaced', message: `no server can take: ${placement.unplaced.join(', ')}` };
  else
    ready = {
      type: 'Ready',
      status: false,
      reason: 'ZonesMoving',
      message: `${owned}/${total} zone(s) simulated by their assigned server; the rest are being claimed`,
    };

  let progressing: ConditionInput;
  if (next > current || (!o.statefulSet && target > 0))
    progressing = { type: 'Progressing', status: true, reason: 'ScalingUp', message: `scaling to ${target} zone server(s)` };
  else if (draining.length > 0)
    progressing = {
      type: 'Progressing',
      status: true,
      reason: 'Draining',
      message: `draining ${draining.map((s) => s.name).join(', ')} before scaling to ${target}`,
    };
  else if (live.length > 0 && (pending > 0 || owned < total)) {
    progressing = { type: 'Progressing', status: true, reason: 'ZonesMoving', message: `${total - owned} zone(s) waiting for their owner to claim them` };
  } else if (live.length < target)
    progressing = { type: 'Progressing', status: true, reason: 'WaitingForServers', message: `${live.length}/${target} zone server(s) ready` };
  else progressing = { type: 'Progressing', status: false, reason: 'Stable', message: `${total} zone(s) on ${live.length} server(s)` };

  let degraded: ConditionInput;
  if (placement.unplaced.length > 0 && live.filter((s) => !s.draining).length > 0) {
    degraded = {
      type: 'Degraded',
      status: true,
      reason: 'InsufficientCapacity',
      message: `zones fit on no ready server (maxZonesPerServer ${spec.servers.maxZonesPerServer}): ${placement.unplaced.join(', ')}`,
    };
  } else if (lost.length > 0) {
    // No ages or counts that tick in condition messages: each change would be a status write.
    degraded = {
      type: 'Degraded',
      status: true,
      reason: 'ServersUnavailable',
      message: lost.map((s) => `${s.name}: ${describeReason(s.lostReason!)}`).join('; '),
    };
  } else degraded = { type: 'Degraded', status: false, reason: 'AsExpected', message: 'no zone server lost and every zone placeable' };

  // Present only once a conflict was seen, so resources that never had one show the usual three conditions.
  const conditions: ConditionInput[] = [ready, progressing, degraded];
  if (conflicts.size > 0) {
    const owners = [...conflicts].map(([zoneId, owner]) => `${zoneId} is owned by ${owner}`).join('; ');
    conditions.push({ type: 'ZoneConflict', status: true, reason: 'ZoneOwnedElsewhere', message: `${owners} (an older ZoneAssignment); not placed here` });
  } else if (previous.conditions?.some((c) => c.type === 'ZoneConflict')) {
    conditions.push({ type: 'ZoneConflict', status: false, reason: 'NoConflict', message: 'no zone of the spec is owned by another ZoneAssignment' });
  }

  return {
    observedGeneration: o.resource.generation,
    replicas: o.pods.filter((p) => !p.terminating && p.ordinal >= 0).length,
    readyReplicas: servers.filter((s) => s.live || s.holding).length,
    players: live.reduce((sum, s) => sum + (s.heartbeat?.players ?? 0), 0),
    zones: `${owned}/${total}`,
    servers: serverStatus,
    assignments: placement.assignments,
    ...(removedZones.length > 0 ? { removedZones: [...removedZones] } : {}),
    conditions: setConditions(previous.conditions, conditions, nowIso, o.resource.generation),
  };
}

/** Nothing can be done (invalid spec, name taken): say so in status and stop. */
function blocked(o: Observed, reason: string, message: string): Plan {
  const previous = o.resource.status ?? {};
  const nowIso = new Date(o.now).toISOString();
  const status: PlannedStatus = {
    ...previous,
    observedGeneration: o.resource.generation,
    assignments: previous.assignments ?? [],
    conditions: setConditions(
      previous.conditions,
      [
        { type: 'Ready', status: false, reason, message },
        { type: 'Progressing', status: false, reason, message },
        { type: 'Degraded', status: true, reason, message },
      ],
      nowIso,
      o.resource.generation,
    ),
  };
  const actions: Action[] = [];
  if (statusChanged(previous, status, o.now, Infinity)) {
    actions.push({ kind: 'updateStatus', status, epochFloor: 0 });
    actions.push({ kind: 'event', type: 'Warning', reason, message });
  }
  return { actions, report: emptyReport() };
}

function emptyReport(): Plan['report'] {
  return { servers: { ready: 0, draining: 0, starting: 0, lost: 0 }, heartbeatAgeSeconds: {} };
}

function report(servers: readonly ServerView[]): Plan['report'] {
  const counts: Record<ServerState, number> = { ready: 0, draining: 0, starting: 0, lost: 0 };
  const ages: Record<string, number> = {};
  for (const server of servers) {
    if (!server.pod && !server.known) continue;
    counts[serverState(server)] += 1;
    if (server.heartbeatAgeMs !== undefined) ages[server.name] = server.heartbeatAgeMs / 1000;
  }
  return { servers: counts, heartbeatAgeSeconds: ages };
}
