import type { V1PodDisruptionBudget, V1StatefulSet } from '@kubernetes/client-node';
import { API_VERSION, GROUP, KIND, PLURAL, VERSION } from '../api/zone-assignment.js';
import { ConflictError, type KubeWriter, type ObjectRef } from '../controller/ports.js';
import type { EventType, Manifest, ZoneAssignmentStatus } from '../reconcile/types.js';
import { apiMessage, FIELD_MANAGER, httpStatus, type KubeClients } from './client.js';

/**
 * The Kubernetes writes reconcile's actions need, with 409 turned into
 * ConflictError. Every write names FIELD_MANAGER. Writes stay
 * read-modify-write with resourceVersion (not server-side apply): the
 * controller decides from a cached read and must be refused if it was stale.
 */
export class KubeApiWriter implements KubeWriter {
  constructor(
    private readonly clients: KubeClients,
    /** Events' source.component and reportingController. */
    private readonly component: string,
    /** Events' reportingInstance (this replica). */
    private readonly instance: string,
  ) {}

  async createStatefulSet(manifest: Manifest): Promise<void> {
    await write<V1StatefulSet>('create', 'StatefulSet', manifest, (request) => this.clients.apps.createNamespacedStatefulSet(request));
  }

  async replaceStatefulSet(manifest: Manifest): Promise<void> {
    await write<V1StatefulSet>('update', 'StatefulSet', manifest, (request) =>
      this.clients.apps.replaceNamespacedStatefulSet({ name: manifest.metadata.name, ...request }),
    );
  }

  async createPodDisruptionBudget(manifest: Manifest): Promise<void> {
    await write<V1PodDisruptionBudget>('create', 'PodDisruptionBudget', manifest, (request) =>
      this.clients.policy.createNamespacedPodDisruptionBudget(request),
    );
  }

  async replacePodDisruptionBudget(manifest: Manifest): Promise<void> {
    await write<V1PodDisruptionBudget>('update', 'PodDisruptionBudget', manifest, (request) =>
      this.clients.policy.replaceNamespacedPodDisruptionBudget({ name: manifest.metadata.name, ...request }),
    );
  }

  async replaceStatus(ref: ObjectRef, status: ZoneAssignmentStatus): Promise<void> {
    await call(`update status of ${ref.namespace}/${ref.name}`, () =>
      this.clients.custom.replaceNamespacedCustomObjectStatus({
        group: GROUP,
        version: VERSION,
        namespace: ref.namespace,
        plural: PLURAL,
        name: ref.name,
        // resourceVersion makes this a compare-and-swap: a status computed from a stale read is refused.
        body: { apiVersion: API_VERSION, kind: KIND, metadata: { name: ref.name, namespace: ref.namespace, resourceVersion: ref.resourceVersion }, status },
        fieldManager: FIELD_MANAGER,
      }),
    );
  }

  async setFinalizers(ref: ObjectRef, finalizers: string[]): Promise<void> {
    await call(`update finalizers of ${ref.namespace}/${ref.name}`, () =>
      this.clients.custom.patchNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: ref.namespace,
        plural: PLURAL,
        name: ref.name,
        // JSON patch; naming resourceVersion makes the API server refuse (409) a list computed from a stale read.
        body: [
          { op: 'replace', path: '/metadata/resourceVersion', value: ref.resourceVersion },
          { op: 'add', path: '/metadata/finalizers', value: finalizers },
        ],
        fieldManager: FIELD_MANAGER,
      }),
    );
  }

  async recordEvent(ref: ObjectRef, event: { type: EventType; reason: string; message: string }): Promise<void> {
    const now = new Date();
    await call(`record Event ${event.reason}`, () =>
      this.clients.core.createNamespacedEvent({
        namespace: ref.namespace,
        body: {
          metadata: { generateName: `${ref.name}.`, namespace: ref.namespace },
          involvedObject: { apiVersion: API_VERSION, kind: KIND, name: ref.name, namespace: ref.namespace, uid: ref.uid },
          type: event.type,
          reason: event.reason,
          // The API caps messages at 1 KiB.
          message: event.message.length > 1024 ? `${event.message.slice(0, 1021)}...` : event.message,
          source: { component: this.component },
          reportingComponent: this.component,
          reportingInstance: this.instance,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
        fieldManager: FIELD_MANAGER,
      }),
    );
  }
}

/** A create or replace of a rendered manifest: the namespace, the body and FIELD_MANAGER are the same for every kind. */
async function write<Body>(
  verb: 'create' | 'update',
  kind: string,
  manifest: Manifest,
  send: (request: { namespace: string; body: Body; fieldManager: string }) => Promise<unknown>,
): Promise<void> {
  const { name, namespace } = manifest.metadata;
  await call(`${verb} ${kind} ${name}`, () => send({ namespace, body: manifest as unknown as Body, fieldManager: FIELD_MANAGER }));
}

async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const status = httpStatus(error);
    if (status === 409) throw new ConflictError(`${what}: conflict (the object changed since it was read)`, { cause: error });
    const detail = apiMessage(error);
    throw new Error(`${what} failed${status ? ` (HTTP ${status})` : ''}${detail ? `: ${detail}` : ''}`, { cause: error });
  }
}
