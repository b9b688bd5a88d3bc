import type { ServerHeartbeat } from '@aether/shared';
import { podOrdinal } from './statefulset.js';
import type { AssignmentStatus, PodView, ReassignReason, ServerState, ServerStatus } from './types.js';

/** One zone server as reconcile sees it: its pod, its heartbeat, and whether it may own zones. */
export interface ServerView {
  name: string;
  ordinal: number;
  pod: PodView | undefined;
  heartbeat: ServerHeartbeat | undefined;
  heartbeatAgeMs: number | undefined;
  /** Pod Ready (same incarnation as last seen) and a fresh heartbeat: may own zones. */
  live: boolean;
  /** Why it may not own zones; set exactly when `live` is false. */
  lostReason: ReassignReason | undefined;
  /** Seen alive before (a heartbeat on record) or holding zones: not live means lost, not still starting. */
  known: boolean;
  /** Set by the scaling step: receives no zones and gives its zones away. */
  draining: boolean;
  /**
   * Not live, but keeps its zones for now: Redis lost its data, so a missing
   * heartbeat key says nothing yet about a server that was ready before.
   */
  holding: boolean;
}

export interface ClassifyInput {
  statefulSet: string;
  /** StatefulSet spec.replicas now; pods below this ordinal are expected. */
  replicas: number;
  pods: readonly PodView[];
  heartbeats: ReadonlyMap<string, ServerHeartbeat>;
  previous: readonly ServerStatus[];
  assignments: readonly AssignmentStatus[];
  now: number;
  heartbeatTimeoutMs: number;
  /** Until then, a missing heartbeat key of a server that was ready does not count as lost (Redis lost its data). */
  heartbeatGraceUntil: number;
}

/**
 * Every server that matters: the ordinals the StatefulSet wants, pods that
 * still exist above them (scaling down), and any server that zones are
 * still assigned to (even if its pod is gone), in ordinal order.
 */
export function classifyServers(input: ClassifyInput): ServerView[] {
  const pods = new Map(input.pods.map((pod) => [pod.name, pod]));
  const previous = new Map(input.previous.map((server) => [server.name, server]));
  const names = new Set<string>();
  for (let ordinal = 0; ordinal < input.replicas; ordinal += 1) names.add(`${input.statefulSet}-${ordinal}`);
  for (const pod of input.pods) if (pod.ordinal >= 0) names.add(pod.name);
  for (const assignment of input.assignments) names.add(assignment.server);

  const servers = [...names].map((name): ServerView => {
    const pod = pods.get(name);
    const heartbeat = input.heartbeats.get(name);
    const zoneHeartbeat = heartbeat?.type === 'zone' ? heartbeat : undefined;
    const heartbeatAgeMs = zoneHeartbeat ? Math.max(0, input.now - zoneHeartbeat.ts) : undefined;
    const before = previous.get(name);
    const lostReason = whyNotLive(pod, before, heartbeatAgeMs, input.heartbeatTimeoutMs);
    const holding = lostReason === 'heartbeat_expired' && !heartbeat && before?.ready === true && input.now < input.heartbeatGraceUntil;
    return {
      name,
      ordinal: podOrdinal(input.statefulSet, name),
      pod,
      heartbeat: zoneHeartbeat,
      heartbeatAgeMs,
      live: lostReason === undefined,
      lostReason,
      known: before?.lastHeartbeat !== undefined || input.assignments.some((a) => a.server === name),
      draining: false,
      holding,
    };
  });
  // Servers that are not StatefulSet pods (renamed resource, hand-edited status) sort last.
  return servers.sort((a, b) => (a.ordinal < 0 ? Infinity : a.ordinal) - (b.ordinal < 0 ? Infinity : b.ordinal) || a.name.localeCompare(b.name));
}

function whyNotLive(
  pod: PodView | undefined,
  before: ServerStatus | undefined,
  heartbeatAgeMs: number | undefined,
  timeoutMs: number,
): ReassignReason | undefined {
  if (!pod || pod.terminating) return 'pod_gone';
  // Same name, new pod: a new process that has loaded nothing, whatever the heartbeat says. Its zones get new epochs.
  if (before?.uid !== undefined && before.uid !== pod.uid) return 'pod_replaced';
  if (!pod.ready) return 'pod_not_ready';
  if (heartbeatAgeMs === undefined || heartbeatAgeMs > timeoutMs) return 'heartbeat_expired';
  return undefined;
}

export function serverState(server: ServerView): ServerState {
  if (server.live) return server.draining ? 'draining' : 'ready';
  if (server.holding) return 'starting';
  return server.known ? 'lost' : 'starting';
}

const REASON_TEXT: Record<ReassignReason, string> = {
  heartbeat_expired: 'no fresh heartbeat',
  pod_gone: 'pod gone',
  pod_not_ready: 'pod not Ready',
  pod_replaced: 'pod replaced (new UID)',
  drain: 'draining',
  rebalance: 'rebalancing',
};

export function describeReason(reason: ReassignReason, server?: ServerView): string {
  if (reason === 'heartbeat_expired' && server?.heartbeatAgeMs !== undefined) {
    return `heartbeat ${(server.heartbeatAgeMs / 1000).toFixed(1)}s old`;
  }
  return REASON_TEXT[reason];
}
