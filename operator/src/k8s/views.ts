import type { KubernetesObject, V1Pod, V1PodDisruptionBudget, V1StatefulSet } from '@kubernetes/client-node';
import { ZoneAssignmentSpec, ZoneAssignmentStatus } from '../api/zone-assignment.js';
import { podOrdinal, TEMPLATE_HASH_ANNOTATION } from '../reconcile/statefulset.js';
import type { PodDisruptionBudgetView, PodView, ResourceView, StatefulSetView, ZoneClaim } from '../reconcile/types.js';

/*
 * API objects → the plain views reconcile reads. Objects come either from a
 * typed list (client-node deserializes dates into Date objects) or from a
 * watch event (raw JSON), so only fields that look the same both ways are read.
 */

/** A ZoneAssignment: spec and status are parsed, not trusted. */
type CustomObject = KubernetesObject & { spec?: unknown; status?: unknown };

export function resourceView(object: CustomObject, onBadStatus: (error: unknown) => void): ResourceView {
  const metadata = object.metadata ?? {};
  const spec = ZoneAssignmentSpec.safeParse(object.spec);
  let status: ResourceView['status'];
  if (object.status !== undefined) {
    const parsed = ZoneAssignmentStatus.safeParse(object.status);
    // A status we cannot read is rebuilt from observations rather than trusted.
    if (parsed.success) status = parsed.data;
    else onBadStatus(parsed.error);
  }
  return {
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    generation: Number(metadata.generation ?? 0),
    resourceVersion: metadata.resourceVersion ?? '',
    createdAt: isoTime(metadata.creationTimestamp),
    spec: spec.success ? spec.data : undefined,
    ...(spec.success ? {} : { specError: spec.error.issues.map((i) => `${i.path.join('.') || 'spec'}: ${i.message}`).join('; ') }),
    status,
    deleting: Boolean(metadata.deletionTimestamp),
  };
}

/** A Date in a typed list, a string in a watch event. */
function isoTime(value: Date | string | undefined): string {
  const time = value === undefined ? Number.NaN : new Date(value).getTime();
  // No timestamp (never from the API server): the newest possible, so it never wins a zone.
  return Number.isNaN(time) ? new Date(8.64e15).toISOString() : new Date(time).toISOString();
}

/** Another ZoneAssignment's claim; a spec that does not parse names no zones. */
export function zoneClaim(object: CustomObject): ZoneClaim {
  const metadata = object.metadata ?? {};
  const spec = ZoneAssignmentSpec.safeParse(object.spec);
  return {
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    createdAt: isoTime(metadata.creationTimestamp),
    zones: spec.success ? spec.data.zones.map((zone) => zone.id) : [],
  };
}

export function podDisruptionBudgetView(object: V1PodDisruptionBudget): PodDisruptionBudgetView {
  const metadata = object.metadata ?? {};
  const owner = (metadata.ownerReferences ?? []).find((ref: { controller?: boolean }) => ref.controller);
  return {
    name: metadata.name ?? '',
    resourceVersion: metadata.resourceVersion ?? '',
    templateHash: metadata.annotations?.[TEMPLATE_HASH_ANNOTATION],
    ownerUid: owner?.uid,
  };
}

export function statefulSetView(object: V1StatefulSet): StatefulSetView {
  const metadata = object.metadata ?? {};
  const owner = (metadata.ownerReferences ?? []).find((ref: { controller?: boolean }) => ref.controller);
  return {
    name: metadata.name ?? '',
    resourceVersion: metadata.resourceVersion ?? '',
    replicas: Number(object.spec?.replicas ?? 1),
    readyReplicas: Number(object.status?.readyReplicas ?? 0),
    templateHash: metadata.annotations?.[TEMPLATE_HASH_ANNOTATION],
    ownerUid: owner?.uid,
  };
}

export function podView(object: V1Pod, statefulSet: string): PodView {
  const metadata = object.metadata ?? {};
  const conditions: Array<{ type: string; status: string }> = object.status?.conditions ?? [];
  return {
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    ordinal: podOrdinal(statefulSet, metadata.name ?? ''),
    ready: object.status?.phase === 'Running' && conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    terminating: Boolean(metadata.deletionTimestamp),
  };
}
