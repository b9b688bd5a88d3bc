import type {
  EventType,
  Manifest,
  PodDisruptionBudgetView,
  PodView,
  ResourceView,
  StatefulSetView,
  ZoneAssignmentStatus,
  ZoneClaim,
} from '../reconcile/types.js';

/** What the informers hold for one ZoneAssignment, narrowed to plain views. */
export interface ResourceSnapshot {
  resource: ResourceView;
  /** metadata.finalizers of the ZoneAssignment. */
  finalizers: string[];
  statefulSet: StatefulSetView | undefined;
  podDisruptionBudget: PodDisruptionBudgetView | undefined;
  pods: PodView[];
  /** The other ZoneAssignments in the cache, with the zones they name (one owns each zone id). */
  rivals: ZoneClaim[];
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
  createPodDisruptionBudget(manifest: Manifest): Promise<void>;
  /** Optimistic like replaceStatefulSet. */
  replacePodDisruptionBudget(manifest: Manifest): Promise<void>;
  /** Optimistic on ref.resourceVersion, else ConflictError. */
  replaceStatus(ref: ObjectRef, status: ZoneAssignmentStatus): Promise<void>;
  recordEvent(ref: ObjectRef, event: { type: EventType; reason: string; message: string }): Promise<void>;
  /** Replaces metadata.finalizers of the ZoneAssignment; optimistic on ref.resourceVersion, else ConflictError. */
  setFinalizers(ref: ObjectRef, finalizers: string[]): Promise<void>;
}

/** Someone else changed the object since we read it (HTTP 409): read again and retry. */
export class ConflictError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConflictError';
  }
}
