import type { EventType, Manifest, PodView, ResourceView, StatefulSetView, ZoneAssignmentStatus } from '../reconcile/types.js';

/** What the informers hold for one ZoneAssignment, narrowed to plain views. */
export interface ResourceSnapshot {
  resource: ResourceView;
  statefulSet: StatefulSetView | undefined;
  pods: PodView[];
}

/** The watch side: a local cache kept current by informers. */
export interface ResourceSource {
  /** Keys (`namespace/name`) of every ZoneAssignment in the cache. */
  keys(): string[];
  /** Undefined when the resource is gone. */
  snapshot(key: string): ResourceSnapshot | undefined;
  /** Called with the key of the ZoneAssignment an add/update/delete concerns (its own, its StatefulSet's, a pod's). */
  onChange(listener: (key: string) => void): void;
}

export interface ObjectRef {
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
}

/** The write side of the Kubernetes API that reconcile's actions need. */
export interface KubeWriter {
  createStatefulSet(manifest: Manifest): Promise<void>;
  /** Optimistic: manifest.metadata.resourceVersion must be current, else ConflictError. */
  replaceStatefulSet(manifest: Manifest): Promise<void>;
  /** Optimistic on ref.resourceVersion, else ConflictError. */
  replaceStatus(ref: ObjectRef, status: ZoneAssignmentStatus): Promise<void>;
  recordEvent(ref: ObjectRef, event: { type: EventType; reason: string; message: string }): Promise<void>;
}

/** Someone else changed the object since we read it (HTTP 409): read again and retry. */
export class ConflictError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConflictError';
  }
}
