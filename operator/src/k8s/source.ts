import { type Informer, type KubernetesObject, ListWatch, type ListPromise, type ObjectCache, Watch } from '@kubernetes/client-node';
import type { Logger } from '@aether/shared/observability';
import { GROUP, KIND, PLURAL, VERSION } from '../api/zone-assignment.js';
import type { ResourceSnapshot, ResourceSource } from '../controller/ports.js';
import { COMPONENT_LABELS, statefulSetName } from '../reconcile/statefulset.js';
import type { KubeClients } from './client.js';
import { podDisruptionBudgetView, podView, resourceView, statefulSetView, zoneClaim } from './views.js';
import { WatchdogWatch } from './watchdog.js';

const INSTANCE = 'app.kubernetes.io/instance';
const ZONE_SELECTOR = `app.kubernetes.io/name=${COMPONENT_LABELS['app.kubernetes.io/name']}`;

type Cached<T extends KubernetesObject> = Informer<T> & ObjectCache<T>;

export type InformerName = 'zoneassignments' | 'statefulsets' | 'pods' | 'poddisruptionbudgets';

export interface SourceOptions {
  /** A watch silent (not even a bookmark) for longer than this is cut and the informer lists again. */
  watchIdleMs: number;
  /** Told each time an informer is restarted: after an error, or by the watchdog. */
  onWatchRestart?: (informer: InformerName, reason: 'error' | 'idle') => void;
}

/**
 * Four informers — ZoneAssignments, their StatefulSets, PodDisruptionBudgets
 * and pods (by label) — whose events only name the ZoneAssignment to look at again. They
 * run on every replica, leader or not, so a new leader starts from a warm cache.
 */
export class KubeResourceSource implements ResourceSource {
  private readonly resources: Cached<KubernetesObject>;
  private readonly statefulSets: Cached<KubernetesObject>;
  private readonly pods: Cached<KubernetesObject>;
  private readonly budgets: Cached<KubernetesObject>;
  private readonly listeners: Array<(key: string) => void> = [];
  private readonly watchdogs = new Map<InformerName, WatchdogWatch>();
  /** Informers whose list has completed and whose watch has not failed since. */
  private readonly synced = new Set<InformerName>();
  private readonly errors = new Map<InformerName, number>();
  private watchdogTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    clients: KubeClients,
    private readonly namespace: string | undefined,
    private readonly logger: Logger,
    private readonly options: SourceOptions,
  ) {
    const ns = namespace;
    const list = <T>(fn: () => Promise<T>) => fn as unknown as ListPromise<KubernetesObject>;
    // makeInformer's ListWatch, with the watch behind a watchdog.
    const makeInformer = (name: InformerName, path: string, listFn: ListPromise<KubernetesObject>, labelSelector?: string): Cached<KubernetesObject> => {
      const watchdog = new WatchdogWatch(new Watch(clients.config), {
        idleMs: options.watchIdleMs,
        onIdle: (idleMs) => {
          this.logger.warn({ informer: name, idleMs }, 'watch silent too long (no event, no bookmark); listing and watching again');
          this.options.onWatchRestart?.(name, 'idle');
        },
      });
      this.watchdogs.set(name, watchdog);
      return new ListWatch(path, watchdog as unknown as Watch, listFn, false, labelSelector);
    };
    this.resources = makeInformer(
      'zoneassignments',
      ns ? `/apis/${GROUP}/${VERSION}/namespaces/${ns}/${PLURAL}` : `/apis/${GROUP}/${VERSION}/${PLURAL}`,
      list(() =>
        ns
          ? clients.custom.listNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: ns, plural: PLURAL })
          : clients.custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: PLURAL }),
      ),
    );
    this.statefulSets = makeInformer(
      'statefulsets',
      ns ? `/apis/apps/v1/namespaces/${ns}/statefulsets` : '/apis/apps/v1/statefulsets',
      list(() =>
        ns
          ? clients.apps.listNamespacedStatefulSet({ namespace: ns, labelSelector: ZONE_SELECTOR })
          : clients.apps.listStatefulSetForAllNamespaces({ labelSelector: ZONE_SELECTOR }),
      ),
      ZONE_SELECTOR,
    );
    this.pods = makeInformer(
      'pods',
      ns ? `/api/v1/namespaces/${ns}/pods` : '/api/v1/pods',
      list(() =>
        ns
          ? clients.core.listNamespacedPod({ namespace: ns, labelSelector: ZONE_SELECTOR })
          : clients.core.listPodForAllNamespaces({ labelSelector: ZONE_SELECTOR }),
      ),
      ZONE_SELECTOR,
    );
    this.budgets = makeInformer(
      'poddisruptionbudgets',
      ns ? `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets` : '/apis/policy/v1/poddisruptionbudgets',
      list(() =>
        ns
          ? clients.policy.listNamespacedPodDisruptionBudget({ namespace: ns, labelSelector: ZONE_SELECTOR })
          : clients.policy.listPodDisruptionBudgetForAllNamespaces({ labelSelector: ZONE_SELECTOR }),
      ),
      ZONE_SELECTOR,
    );
    this.route(this.resources, 'zoneassignments', (o) => `${o.metadata?.namespace}/${o.metadata?.name}`);
    this.route(this.statefulSets, 'statefulsets', (o) => {
      const owner = o.metadata?.ownerReferences?.find((ref) => ref.controller && ref.kind === KIND);
      const name = owner?.name ?? o.metadata?.labels?.[INSTANCE];
      return name ? `${o.metadata?.namespace}/${name}` : undefined;
    });
    this.route(this.budgets, 'poddisruptionbudgets', (o) => {
      const name = o.metadata?.labels?.[INSTANCE];
      return name ? `${o.metadata?.namespace}/${name}` : undefined;
    });
    this.route(this.pods, 'pods', (o) => {
      const name = o.metadata?.labels?.[INSTANCE];
      return name ? `${o.metadata?.namespace}/${name}` : undefined;
    });
  }

  /** Lists everything and starts watching; resolves once the caches are filled. */
  async start(): Promise<void> {
    await Promise.all([
      this.startInformer(this.resources, 'zoneassignments'),
      this.startInformer(this.statefulSets, 'statefulsets'),
      this.startInformer(this.pods, 'pods'),
      this.startInformer(this.budgets, 'poddisruptionbudgets'),
    ]);
    const every = Math.max(100, Math.min(10_000, Math.floor(this.options.watchIdleMs / 4)));
    this.watchdogTimer = setInterval(() => {
      for (const watchdog of this.watchdogs.values()) watchdog.check();
    }, every);
    this.watchdogTimer.unref();
    this.logger.info({ namespace: this.namespace ?? '(all)', resources: this.resources.list().length }, 'informers synced');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watchdogTimer);
    await Promise.all([this.resources.stop(), this.statefulSets.stop(), this.pods.stop(), this.budgets.stop()]);
  }

  /**
   * client-node's start() resolves even when its list failed (it reports the
   * failure through 'error' first), so an informer counts as synced only if
   * no error came while it started.
   */
  private async startInformer(informer: Cached<KubernetesObject>, name: InformerName): Promise<void> {
    const errorsBefore = this.errors.get(name) ?? 0;
    await informer.start();
    if ((this.errors.get(name) ?? 0) === errorsBefore) this.synced.add(name);
  }

  /** For /ready: informers not currently synced (listing again after a failed watch); empty when all are. */
  unsynced(): InformerName[] {
    return (['zoneassignments', 'statefulsets', 'pods', 'poddisruptionbudgets'] as const).filter((name) => !this.synced.has(name));
  }

  onChange(listener: (key: string) => void): void {
    this.listeners.push(listener);
  }

  keys(): string[] {
    return this.resources.list(this.namespace).map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`);
  }

  snapshot(key: string): ResourceSnapshot | undefined {
    const [namespace, name] = key.split('/') as [string, string];
    const object = this.resources.get(name, namespace);
    if (!object) return undefined;
    const resource = resourceView(object, (error) => this.logger.warn({ key, err: error }, 'status does not parse; rebuilding it'));
    const sts = this.statefulSets.get(statefulSetName(resource), namespace);
    const budget = this.budgets.get(statefulSetName(resource), namespace);
    // Every other ZoneAssignment in the cache: an older one naming a zone of this one owns it.
    const rivals = this.resources
      .list()
      .filter((other) => !(other.metadata?.namespace === namespace && other.metadata?.name === name))
      .map((other) => zoneClaim(other));
    return {
      resource,
      finalizers: object.metadata?.finalizers ?? [],
      statefulSet: sts ? statefulSetView(sts) : undefined,
      podDisruptionBudget: budget ? podDisruptionBudgetView(budget) : undefined,
      rivals,
      pods: this.pods
        .list(namespace)
        .filter((pod) => pod.metadata?.labels?.[INSTANCE] === name)
        .map((pod) => podView(pod, statefulSetName(resource))),
    };
  }

  private route(informer: Cached<KubernetesObject>, what: InformerName, keyOf: (o: KubernetesObject) => string | undefined): void {
    const notify = (object: KubernetesObject) => {
      const key = keyOf(object);
      if (key) for (const listener of this.listeners) listener(key);
    };
    informer.on('add', notify);
    informer.on('update', notify);
    informer.on('delete', notify);
    let delay = 500;
    informer.on('connect', () => {
      delay = 500;
    });
    // client-node's informer stops on an error (API server restarting, a list that failed); start it again with backoff.
    informer.on('error', (error: unknown) => {
      if (this.stopped) return;
      this.synced.delete(what);
      this.errors.set(what, (this.errors.get(what) ?? 0) + 1);
      this.options.onWatchRestart?.(what, 'error');
      this.logger.warn({ err: error, informer: what, retryInMs: delay }, 'watch failed; restarting');
      const wait = delay;
      delay = Math.min(delay * 2, 30_000);
      setTimeout(() => {
        if (this.stopped) return;
        this.startInformer(informer, what).catch((err: unknown) => this.logger.warn({ err, informer: what }, 'informer restart failed'));
      }, wait).unref();
    });
  }
}
