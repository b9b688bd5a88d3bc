import type { Recommendation, ZoneAssignmentSpec } from './types.js';

export interface ScaleInput {
  spec: ZoneAssignmentSpec;
  /** Players over the live servers (heartbeats). */
  players: number;
  /** StatefulSet replicas now. */
  current: number;
  now: number;
  /** Earlier raw recommendations (autoscaling only). */
  history: readonly Recommendation[];
}

export interface ScaleDecision {
  replicas: number;
  /** Before stabilization; what the autoscaler would like this instant. */
  raw: number;
  /** Recommendations to remember (autoscaling only): this one, plus the current size when there is no history yet. */
  remember: Recommendation[];
  why: string;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * How many zone servers to run. Manual: servers.replicas (or minReplicas).
 * Autoscaling: enough servers for the players at targetPlayersPerServer and
 * for the zones at maxZonesPerServer, within [min, max]. Scaling up is
 * immediate; scaling down goes only as low as the highest recommendation of
 * the stabilization window (as the HorizontalPodAutoscaler does), because a
 * scale-down costs a drain.
 */
export function desiredReplicas(input: ScaleInput): ScaleDecision {
  const { servers, autoscaling, zones } = input.spec;
  if (!autoscaling.enabled) {
    const replicas = clamp(servers.replicas ?? servers.minReplicas, servers.minReplicas, servers.maxReplicas);
    return { replicas, raw: replicas, remember: [], why: `servers.replicas is ${replicas}` };
  }
  const forPlayers = Math.ceil(input.players / autoscaling.targetPlayersPerServer);
  const forZones = Math.ceil(zones.length / servers.maxZonesPerServer);
  const raw = clamp(Math.max(forPlayers, forZones, 1), servers.minReplicas, servers.maxReplicas);
  const why = `${input.players} players at ${autoscaling.targetPlayersPerServer} per server and ${zones.length} zones at ${servers.maxZonesPerServer} per server`;
  const now: Recommendation = { at: input.now, replicas: raw };
  // No history (a new leader): count the current size as if recommended just now, so the window starts over.
  const seed: Recommendation[] = input.history.length === 0 && input.current > 0 ? [{ at: input.now, replicas: input.current }] : [];
  const remember = [...seed, now];
  if (raw >= input.current) return { replicas: raw, raw, remember, why };
  const windowStart = input.now - autoscaling.scaleDownStabilizationSeconds * 1000;
  const recent = [...input.history, ...remember].filter((r) => r.at >= windowStart).map((r) => r.replicas);
  const replicas = clamp(Math.min(input.current, Math.max(raw, ...recent)), servers.minReplicas, servers.maxReplicas);
  return { replicas, raw, remember, why: replicas > raw ? `${why}; held at ${replicas} by the scale-down stabilization window` : why };
}
