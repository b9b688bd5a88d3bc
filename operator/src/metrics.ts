import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Plan, ReassignReason, ServerState } from './reconcile/types.js';

/** docs/design.md §8: reconcile duration/errors, reassignments by reason, servers by state, heartbeat age, leader. */
export class OperatorMetrics {
  readonly reconcileDuration: Histogram<'result'>;
  readonly reconcileErrors: Counter<'reason'>;
  readonly reassignments: Counter<'reason'>;
  readonly servers: Gauge<'zoneassignment' | 'state'>;
  readonly heartbeatAge: Gauge<'zoneassignment' | 'server'>;
  readonly leader: Gauge;
  readonly queueDepth: Gauge;
  readonly watchRestarts: Counter<'informer' | 'reason'>;
  private readonly agedServers = new Map<string, Set<string>>();

  constructor(registry: Registry) {
    const registers = [registry];
    this.reconcileDuration = new Histogram({
      name: 'aether_operator_reconcile_duration_seconds',
      help: 'Time to observe, decide and act for one ZoneAssignment',
      labelNames: ['result'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.reconcileErrors = new Counter({
      name: 'aether_operator_reconcile_errors_total',
      help: 'Reconciles that failed and were retried with backoff, by kind of failure',
      labelNames: ['reason'],
      registers,
    });
    this.reassignments = new Counter({
      name: 'aether_operator_reassignments_total',
      help: 'Zones moved to another server, by why (heartbeat_expired, pod_gone, pod_not_ready, pod_replaced, drain, rebalance)',
      labelNames: ['reason'],
      registers,
    });
    this.servers = new Gauge({
      name: 'aether_operator_servers',
      help: 'Zone servers by state (ready, draining, starting, lost)',
      labelNames: ['zoneassignment', 'state'],
      registers,
    });
    this.heartbeatAge = new Gauge({
      name: 'aether_operator_heartbeat_age_seconds',
      help: 'Age of the last heartbeat of each zone server at the last reconcile',
      labelNames: ['zoneassignment', 'server'],
      registers,
    });
    this.leader = new Gauge({ name: 'aether_operator_leader', help: '1 while this replica holds the leader Lease', registers });
    this.queueDepth = new Gauge({ name: 'aether_operator_work_queue_depth', help: 'Keys waiting in the work queue', registers });
    this.watchRestarts = new Counter({
      name: 'aether_operator_watch_restarts_total',
      help: 'Informer watches started again, by informer and why (error: the watch failed; idle: silent too long, cut by the watchdog)',
      labelNames: ['informer', 'reason'],
      registers,
    });
    for (const reason of ['heartbeat_expired', 'pod_gone', 'pod_not_ready', 'pod_replaced', 'drain', 'rebalance'] satisfies ReassignReason[]) {
      this.reassignments.inc({ reason }, 0); // every series visible from the start, so rate() works at once
    }
    for (const reason of ['conflict', 'timeout', 'error']) this.reconcileErrors.inc({ reason }, 0);
    this.leader.set(0);
  }

  report(key: string, report: Plan['report']): void {
    for (const [state, count] of Object.entries(report.servers) as Array<[ServerState, number]>) this.servers.set({ zoneassignment: key, state }, count);
    // Drop the series of servers that went away, then set the current ones.
    const now = new Set(Object.keys(report.heartbeatAgeSeconds));
    for (const server of this.agedServers.get(key) ?? []) if (!now.has(server)) this.heartbeatAge.remove({ zoneassignment: key, server });
    for (const [server, age] of Object.entries(report.heartbeatAgeSeconds)) this.heartbeatAge.set({ zoneassignment: key, server }, age);
    this.agedServers.set(key, now);
  }

  forget(key: string): void {
    for (const state of ['ready', 'draining', 'starting', 'lost'] satisfies ServerState[]) this.servers.remove({ zoneassignment: key, state });
    for (const server of this.agedServers.get(key) ?? []) this.heartbeatAge.remove({ zoneassignment: key, server });
    this.agedServers.delete(key);
  }
}
