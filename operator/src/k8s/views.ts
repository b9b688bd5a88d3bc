import type { KubernetesObject, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { ZoneAssignmentSpec, ZoneAssignmentStatus } from '../api/zone-assignment.js';
import { podOrdinal, TEMPLATE_HASH_ANNOTATION } from '../reconcile/statefulset.js';
import type { PodView, ResourceView, StatefulSetView } from '../reconcile/types.js';

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
    spec: spec.success ? spec.data : undefined,
    ...(spec.success ? {} : { specError: spec.error.issues.map((i) => `${i.path.join('.') || 'spec'}: ${i.message}`).join('; ') }),
    status,
    deleting: Boolean(metadata.deletionTimestamp),
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
