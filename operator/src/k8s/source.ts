import { makeInformer, type Informer, type KubernetesObject, type ListPromise, type ObjectCache } from '@kubernetes/client-node';
import type { Logger } from '@aether/shared/observability';
import { GROUP, KIND, PLURAL, VERSION } from '../api/zone-assignment.js';
import type { ResourceSnapshot, ResourceSource } from '../controller/ports.js';
import { COMPONENT_LABELS, statefulSetName } from '../reconcile/statefulset.js';
import type { KubeClients } from './client.js';
import { podView, resourceView, statefulSetView } from './views.js';

const INSTANCE = 'app.kubernetes.io/instance';
const ZONE_SELECTOR = `app.kubernetes.io/name=${COMPONENT_LABELS['app.kubernetes.io/name']}`;

type Cached<T extends KubernetesObject> = Informer<T> & ObjectCache<T>;

/**
 * Three informers — ZoneAssignments, their StatefulSets and their pods (by
 * label) — whose events only name the ZoneAssignment to look at again. They
 * run on every replica, leader or not, so a new leader starts from a warm cache.
 */
export class KubeResourceSource implements ResourceSource {
  private readonly resources: Cached<KubernetesObject>;
  private readonly statefulSets: Cached<KubernetesObject>;
  private readonly pods: Cached<KubernetesObject>;
  private readonly listeners: Array<(key: string) => void> = [];
  private stopped = false;

  constructor(
    clients: KubeClients,
    private readonly namespace: string | undefined,
    private readonly logger: Logger,
  ) {
    const ns = namespace;
    const list = <T>(fn: () => Promise<T>) => fn as unknown as ListPromise<KubernetesObject>;
    this.resources = makeInformer(
      clients.config,
      ns ? `/apis/${GROUP}/${VERSION}/namespaces/${ns}/${PLURAL}` : `/apis/${GROUP}/${VERSION}/${PLURAL}`,
      list(() =>
        ns
          ? clients.custom.listNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: ns, plural: PLURAL })
          : clients.custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: PLURAL }),
      ),
    );
    this.statefulSets = makeInformer(
      clients.config,
      ns ? `/apis/apps/v1/namespaces/${ns}/statefulsets` : '/apis/apps/v1/statefulsets',
      list(() =>
        ns
          ? clients.apps.listNamespacedStatefulSet({ namespace: ns, labelSelector: ZONE_SELECTOR })
          : clients.apps.listStatefulSetForAllNamespaces({ labelSelector: ZONE_SELECTOR }),
      ),
      ZONE_SELECTOR,
    );
    this.pods = makeInformer(
      clients.config,
      ns ? `/api/v1/namespaces/${ns}/pods` : '/api/v1/pods',
      list(() =>
        ns
          ? clients.core.listNamespacedPod({ namespace: ns, labelSelector: ZONE_SELECTOR })
          : clients.core.listPodForAllNamespaces({ labelSelector: ZONE_SELECTOR }),
      ),
      ZONE_SELECTOR,
    );
    this.route(this.resources, 'zoneassignments', (o) => `${o.metadata?.namespace}/${o.metadata?.name}`);
    this.route(this.statefulSets, 'statefulsets', (o) => {
      const owner = o.metadata?.ownerReferences?.find((ref) => ref.controller && ref.kind === KIND);
      const name = owner?.name ?? o.metadata?.labels?.[INSTANCE];
      return name ? `${o.metadata?.namespace}/${name}` : undefined;
    });
    this.route(this.pods, 'pods', (o) => {
      const name = o.metadata?.labels?.[INSTANCE];
      return name ? `${o.metadata?.namespace}/${name}` : undefined;
    });
  }

  /** Lists everything and starts watching; resolves once the caches are filled. */
  async start(): Promise<void> {
    await Promise.all([this.resources.start(), this.statefulSets.start(), this.pods.start()]);
    this.logger.info({ namespace: this.namespace ?? '(all)', resources: this.resources.list().length }, 'informers synced');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.resources.stop(), this.statefulSets.stop(), this.pods.stop()]);
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
    return {
      resource,
      statefulSet: sts ? statefulSetView(sts) : undefined,
      pods: this.pods
        .list(namespace)
        .filter((pod) => pod.metadata?.labels?.[INSTANCE] === name)
        .map((pod) => podView(pod, statefulSetName(resource))),
    };
  }

  private route(informer: Cached<KubernetesObject>, what: string, keyOf: (o: KubernetesObject) => string | undefined): void {
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
      this.logger.warn({ err: error, informer: what, retryInMs: delay }, 'watch failed; restarting');
      const wait = delay;
      delay = Math.min(delay * 2, 30_000);
      setTimeout(() => {
        if (!this.stopped) informer.start().catch((err: unknown) => this.logger.warn({ err, informer: what }, 'informer restart failed'));
      }, wait).unref();
    });
  }
}
