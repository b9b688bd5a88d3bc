import type { Registry, ServerHeartbeat, ZoneAssignmentRecord, ZoneLeaseRecord } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import { RELEASED_SERVER_ID } from '../api/zone-assignment.js';
import type { OperatorMetrics } from '../metrics.js';
import { reconcile } from '../reconcile/reconcile.js';
import type { EpochCounter } from '../registry/epoch-counter.js';
import type { Observed, Plan, ReconcileSettings } from '../reconcile/types.js';
import { ReconcileTimeoutError, withDeadline } from './deadline.js';
import { execute } from './execute.js';
import { ConflictError, type KubeWriter, type ObjectRef, type ResourceSnapshot, type ResourceSource } from './ports.js';
import { RecommendationStore } from './recommendations.js';
import { WorkQueue } from './work-queue.js';

export interface ControllerOptions {
  source: ResourceSource;
  kube: KubeWriter;
  registry: Registry;
  epochCounter: EpochCounter;
  metrics: OperatorMetrics;
  settings: ReconcileSettings;
  logger: Logger;
  /** Heartbeats expire without any Kubernetes event, so every resource is looked at again this often. */
  resyncMs: number;
  workers?: number;
  retry?: { baseDelayMs: number; maxDelayMs: number };
  /** Overall retry rate of the work queue (token bucket); client-go's defaults, 10/s with bursts of 100, when unset. */
  rateLimit?: { qps: number; burst: number };
  /** A reconcile still running after this fails with a timeout and is retried with backoff (default 30 s). */
  reconcileTimeoutMs?: number;
  clock?: () => number;
}

/**
 * On every ZoneAssignment while it exists: its deletion waits until the
 * operator has removed the zone assignments it mirrored to Redis (which have
 * no TTL and would otherwise tell zone servers to keep simulating).
 */
export const FINALIZER = 'aether.dev/zone-cleanup';

/** What /health and /ready report about the workers. */
export interface ControllerHealth {
  running: boolean;
  workers: number;
  workersAlive: number;
  queueDepth: number;
  /** ms since a worker last took or finished a key (or found the queue empty). */
  sinceProgressMs: number;
  /** Keys are waiting and no worker has moved for longer than twice the reconcile deadline. */
  stalled: boolean;
}

/**
 * sample-controller's shape: informer events only enqueue keys; workers take
 * a key, observe (informer cache + Redis), run the pure `reconcile`, and
 * execute its plan; a failure puts the key back with exponential backoff.
 * Runs only while this replica leads (start/stop follow the Lease).
 */
export class Controller {
  private queue: WorkQueue | undefined;
  private workers: Promise<void>[] = [];
  private resync: NodeJS.Timeout | undefined;
  private readonly recommendations = new RecommendationStore();
  private readonly registryResets = new Map<string, number>();
  private readonly clock: () => number;
  private readonly reconcileTimeoutMs: number;
  /** Reconciles that ran past their deadline and have not stopped yet; `stop` waits for them too. */
  private readonly abandoned = new Set<Promise<void>>();
  private workersAlive = 0;
  private lastProgressAt = 0;

  constructor(private readonly options: ControllerOptions) {
    this.clock = options.clock ?? Date.now;
    this.reconcileTimeoutMs = options.reconcileTimeoutMs ?? 30_000;
    // Registered once: the informers run on every replica (warm caches for a quick takeover); only a running queue listens.
    options.source.onChange((key) => this.queue?.add(key));
  }

  get running(): boolean {
    return this.queue !== undefined;
  }

  start(): void {
    if (this.queue) return;
    const queue = new WorkQueue({ ...(this.options.retry ?? { baseDelayMs: 200, maxDelayMs: 30_000 }), ...this.options.rateLimit });
    this.queue = queue;
    this.lastProgressAt = this.clock();
    for (const key of this.options.source.keys()) queue.add(key);
    this.resync = setInterval(() => {
      for (const key of this.options.source.keys()) queue.add(key);
      this.options.metrics.queueDepth.set(queue.length);
    }, this.options.resyncMs);
    this.workers = Array.from({ length: this.options.workers ?? 2 }, () => this.work(queue));
    this.options.logger.info({ resyncMs: this.options.resyncMs }, 'controller started');
  }

  /** Stops taking keys and waits for the reconciles in flight. */
  async stop(): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    this.queue = undefined;
    clearInterval(this.resync);
    queue.shutDown();
    await Promise.all(this.workers);
    await Promise.all(this.abandoned);
    this.workers = [];
    // A later term (after losing and regaining the Lease) starts with no stale memory.
    this.recommendations.clear();
    this.registryResets.clear();
    this.options.logger.info('controller stopped');
  }

  /** Liveness and readiness of the workers, for /health and /ready. */
  health(): ControllerHealth {
    const queueDepth = this.queue?.length ?? 0;
    const sinceProgressMs = this.clock() - this.lastProgressAt;
    return {
      running: this.running,
      workers: this.running ? (this.options.workers ?? 2) : 0,
      workersAlive: this.workersAlive,
      queueDepth,
      sinceProgressMs,
      stalled: this.running && queueDepth > 0 && sinceProgressMs > 2 * this.reconcileTimeoutMs,
    };
  }

  private async work(queue: WorkQueue): Promise<void> {
    this.workersAlive += 1;
    try {
      for (let key = await this.next(queue); key !== undefined; key = await this.next(queue)) {
        const attempt = withDeadline(this.reconcileTimeoutMs, `reconcile of ${key}`, (signal) => this.sync(key, signal));
        let settled = true;
        try {
          const plan = await attempt.result;
          queue.forget(key);
          if (plan?.requeueAfterMs) queue.addAfter(key, plan.requeueAfterMs);
        } catch (error) {
          const reason = error instanceof ConflictError ? 'conflict' : error instanceof ReconcileTimeoutError ? 'timeout' : 'error';
          this.options.metrics.reconcileErrors.inc({ reason });
          const delay = queue.addRateLimited(key);
          // A conflict is routine (our cache was a write behind): retry quietly.
          const log = reason === 'conflict' ? this.options.logger.debug.bind(this.options.logger) : this.options.logger.warn.bind(this.options.logger);
          log({ key, err: error, retryInMs: delay, failures: queue.failuresOf(key) }, 'reconcile failed; retrying');
          settled = reason !== 'timeout';
        } finally {
          if (settled) queue.done(key);
          else this.release(queue, key, attempt.settled);
        }
      }
    } finally {
      this.workersAlive -= 1;
    }
  }

  private async next(queue: WorkQueue): Promise<string | undefined> {
    this.lastProgressAt = this.clock();
    // Waiting on an empty queue is progress too: nothing is held up.
    const key = await queue.get();
    this.lastProgressAt = this.clock();
    return key;
  }

  /** The worker moves on past a timed-out reconcile, but its key is handed out again only once that reconcile has stopped. */
  private release(queue: WorkQueue, key: string, settled: Promise<void>): void {
    const done = settled.then(() => {
      queue.done(key);
      this.abandoned.delete(done);
    });
    this.abandoned.add(done);
  }

  /** One reconcile of one key; exported through the class for tests. `signal` fires at the reconcile's deadline. */
  async sync(key: string, signal?: AbortSignal): Promise<Plan | undefined> {
    const started = performance.now();
    let result = 'error';
    try {
      const snapshot = this.options.source.snapshot(key);
      if (!snapshot) {
        this.forget(key);
        result = 'gone';
        return undefined;
      }
      const { resource } = snapshot;
      const ref: ObjectRef = { namespace: resource.namespace, name: resource.name, uid: resource.uid, resourceVersion: resource.resourceVersion };
      if (resource.deleting) {
        if (snapshot.finalizers.includes(FINALIZER)) await this.finalize(key, snapshot, ref, signal);
        this.forget(key);
        result = 'finalized';
        return undefined;
      }
      if (!snapshot.finalizers.includes(FINALIZER)) {
        // First sight: the finalizer goes on before anything is written to Redis. The write's watch event brings the key back.
        await this.options.kube.setFinalizers(ref, [...snapshot.finalizers, FINALIZER]);
        result = 'changed';
        return undefined;
      }
      const observed = await this.observe(key, snapshot, signal);
      signal?.throwIfAborted();
      const plan = reconcile(observed);
      await execute(plan, {
        key,
        ref,
        ...(signal ? { signal } : {}),
        observedStatus: resource.status,
        kube: this.options.kube,
        registry: this.options.registry,
        metrics: this.options.metrics,
        recommendations: this.recommendations,
        registryResets: this.registryResets,
        onEventError: (error) => this.options.logger.warn({ key, err: error }, 'could not record an Event'),
      });
      this.options.metrics.report(key, plan.report);
      const acted = plan.actions.filter((a) => a.kind !== 'rememberRecommendation');
      if (acted.length > 0) {
        this.options.logger.info({ key, actions: acted.map((a) => (a.kind === 'event' ? `${a.reason}: ${a.message}` : a.kind)) }, 'reconciled');
      }
      result = acted.length > 0 ? 'changed' : 'unchanged';
      return plan;
    } finally {
      this.options.metrics.reconcileDuration.observe({ result }, (performance.now() - started) / 1000);
    }
  }

  /**
   * Called by the leader on a graceful shutdown, after `stop` and before it
   * lets go of the Lease: takes its finalizer off every ZoneAssignment (and
   * finishes the deletion of those already being deleted). A finalizer is a
   * promise that an operator will clean up; one going away on purpose
   * withdraws it, so `helm uninstall` (the operator's Deployment goes first)
   * never leaves ZoneAssignments stuck in Terminating. The next leader puts
   * it back at its first reconcile. A crashed operator withdraws nothing:
   * deletions then wait for the next one. Bounded by `timeoutMs`.
   */
  async withdrawFinalizers(timeoutMs: number): Promise<number> {
    const run = withDeadline(timeoutMs, 'withdrawing finalizers', async (signal) => {
      let withdrawn = 0;
      for (const key of this.options.source.keys()) {
        signal.throwIfAborted();
        const snapshot = this.options.source.snapshot(key);
        if (!snapshot?.finalizers.includes(FINALIZER)) continue;
        const { resource } = snapshot;
        const ref: ObjectRef = { namespace: resource.namespace, name: resource.name, uid: resource.uid, resourceVersion: resource.resourceVersion };
        try {
          if (resource.deleting) await this.finalize(key, snapshot, ref, signal);
          else
            await this.options.kube.setFinalizers(
              ref,
              snapshot.finalizers.filter((f) => f !== FINALIZER),
            );
          withdrawn += 1;
        } catch (error) {
          if (signal.aborted) throw error;
          this.options.logger.warn({ key, err: error }, 'could not withdraw the finalizer');
        }
      }
      return withdrawn;
    });
    try {
      const withdrawn = await run.result;
      this.options.logger.info({ withdrawn }, 'shutting down: withdrew the finalizer from ZoneAssignments');
      return withdrawn;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'shutting down: finalizers not all withdrawn');
      return 0;
    }
  }

  private forget(key: string): void {
    this.recommendations.forget(key);
    this.registryResets.delete(key);
    this.options.metrics.forget(key);
  }

  /**
   * The ZoneAssignment is being deleted: remove the zone assignments it
   * mirrored to Redis — only records that still name one of its servers, so
   * a zone another ZoneAssignment owns now is left alone — and the
   * tombstones of zones that left its spec, tell the zone servers, then let
   * the deletion finish.
   * Heartbeats and leases are not touched: their TTL ends them once the pods
   * (deleted with the StatefulSet after this) stop.
   */
  private async finalize(key: string, snapshot: ResourceSnapshot, ref: ObjectRef, signal: AbortSignal | undefined): Promise<void> {
    const { resource, pods } = snapshot;
    const servers = new Set([
      ...(resource.status?.assignments ?? []).map((a) => a.server),
      ...(resource.status?.servers ?? []).map((s) => s.name),
      ...pods.map((p) => p.name),
    ]);
    const released = new Set(resource.status?.removedZones?.map((z) => z.zoneId) ?? []);
    const zones = new Set([...(resource.spec?.zones.map((z) => z.id) ?? []), ...(resource.status?.assignments?.map((a) => a.zoneId) ?? []), ...released]);
    const ours = (zoneId: string, serverId: string) => servers.has(serverId) || (serverId === RELEASED_SERVER_ID && released.has(zoneId));
    const removed: string[] = [];
    try {
      for (const zoneId of zones) {
        signal?.throwIfAborted();
        const record = await this.options.registry.getAssignment(zoneId);
        if (!record || !ours(zoneId, record.serverId)) continue;
        await this.options.registry.deleteAssignment(zoneId);
        removed.push(zoneId);
      }
      if (removed.length > 0) await this.options.registry.announceAssignments(removed);
    } catch (error) {
      throw new Error(`removing the Redis records of ${key} before its deletion`, { cause: error });
    }
    signal?.throwIfAborted();
    await this.options.kube.setFinalizers(
      ref,
      snapshot.finalizers.filter((f) => f !== FINALIZER),
    );
    this.options.logger.info({ key, zones: removed }, 'ZoneAssignment deleted: removed its zone assignments from Redis and its finalizer');
  }

  private async observe(key: string, snapshot: ResourceSnapshot, signal: AbortSignal | undefined): Promise<Observed> {
    const { registry } = this.options;
    const zones = new Set([
      ...(snapshot.resource.spec?.zones.map((z) => z.id) ?? []),
      ...(snapshot.resource.status?.assignments?.map((a) => a.zoneId) ?? []),
      // Zones that left the spec stay observed until they are released.
      ...(snapshot.resource.status?.removedZones?.map((z) => z.zoneId) ?? []),
    ]);
    const heartbeats = new Map<string, ServerHeartbeat>();
    const leases = new Map<string, ZoneLeaseRecord>();
    const redisAssignments = new Map<string, ZoneAssignmentRecord>();
    let epochCounter: number;
    try {
      epochCounter = await this.options.epochCounter.current();
      for (const [serverId, beat] of await registry.listHeartbeats()) heartbeats.set(serverId, beat);
      for (const zoneId of zones) {
        signal?.throwIfAborted();
        const [lease, record] = await Promise.all([registry.getLease(zoneId), registry.getAssignment(zoneId)]);
        if (lease) leases.set(zoneId, lease);
        if (record) redisAssignments.set(zoneId, record);
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new Error(`reading the registry in Redis for ${key}`, { cause: error });
    }
    return {
      now: this.clock(),
      ...snapshot,
      heartbeats,
      leases,
      redisAssignments,
      recommendations: this.recommendations.get(key),
      epochCounter,
      registryResetAt: this.registryResets.get(key),
      settings: this.options.settings,
    };
  }
}
