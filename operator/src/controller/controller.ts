import type { Registry, ServerHeartbeat, ZoneAssignmentRecord, ZoneLeaseRecord } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import type { OperatorMetrics } from '../metrics.js';
import { reconcile } from '../reconcile/reconcile.js';
import type { EpochCounter } from '../registry/epoch-counter.js';
import type { Observed, Plan, ReconcileSettings } from '../reconcile/types.js';
import { execute } from './execute.js';
import { ConflictError, type KubeWriter, type ResourceSource } from './ports.js';
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
  clock?: () => number;
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

  constructor(private readonly options: ControllerOptions) {
    this.clock = options.clock ?? Date.now;
    // Registered once: the informers run on every replica (warm caches for a quick takeover); only a running queue listens.
    options.source.onChange((key) => this.queue?.add(key));
  }

  get running(): boolean {
    return this.queue !== undefined;
  }

  start(): void {
    if (this.queue) return;
    const queue = new WorkQueue(this.options.retry ?? { baseDelayMs: 200, maxDelayMs: 30_000 });
    this.queue = queue;
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
    this.workers = [];
    // A later term (after losing and regaining the Lease) starts with no stale memory.
    this.recommendations.clear();
    this.registryResets.clear();
    this.options.logger.info('controller stopped');
  }

  private async work(queue: WorkQueue): Promise<void> {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      try {
        const plan = await this.sync(key);
        queue.forget(key);
        if (plan?.requeueAfterMs) queue.addAfter(key, plan.requeueAfterMs);
      } catch (error) {
        const conflict = error instanceof ConflictError;
        this.options.metrics.reconcileErrors.inc({ reason: conflict ? 'conflict' : 'error' });
        const delay = queue.addRateLimited(key);
        // A conflict is routine (our cache was a write behind): retry quietly.
        const log = conflict ? this.options.logger.debug.bind(this.options.logger) : this.options.logger.warn.bind(this.options.logger);
        log({ key, err: error, retryInMs: delay, failures: queue.failuresOf(key) }, 'reconcile failed; retrying');
      } finally {
        queue.done(key);
      }
    }
  }

  /** One reconcile of one key; exported through the class for tests. */
  async sync(key: string): Promise<Plan | undefined> {
    const started = performance.now();
    let result = 'error';
    try {
      const observed = await this.observe(key);
      if (!observed) {
        this.recommendations.forget(key);
        this.registryResets.delete(key);
        this.options.metrics.forget(key);
        result = 'gone';
        return undefined;
      }
      const plan = reconcile(observed);
      const { resource } = observed;
      await execute(plan, {
        key,
        ref: { namespace: resource.namespace, name: resource.name, uid: resource.uid, resourceVersion: resource.resourceVersion },
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

  private async observe(key: string): Promise<Observed | undefined> {
    const snapshot = this.options.source.snapshot(key);
    if (!snapshot) return undefined;
    const { registry } = this.options;
    const zones = new Set([...(snapshot.resource.spec?.zones.map((z) => z.id) ?? []), ...(snapshot.resource.status?.assignments?.map((a) => a.zoneId) ?? [])]);
    const heartbeats = new Map<string, ServerHeartbeat>();
    const leases = new Map<string, ZoneLeaseRecord>();
    const redisAssignments = new Map<string, ZoneAssignmentRecord>();
    let epochCounter: number;
    try {
      epochCounter = await this.options.epochCounter.current();
      for (const [serverId, beat] of await registry.listHeartbeats()) heartbeats.set(serverId, beat);
      for (const zoneId of zones) {
        const [lease, record] = await Promise.all([registry.getLease(zoneId), registry.getAssignment(zoneId)]);
        if (lease) leases.set(zoneId, lease);
        if (record) redisAssignments.set(zoneId, record);
      }
    } catch (error) {
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
