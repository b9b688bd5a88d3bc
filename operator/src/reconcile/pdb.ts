import { API_VERSION, KIND } from '../api/zone-assignment.js';
import { selectorLabels, statefulSetName, TEMPLATE_HASH_ANNOTATION, templateHash } from './statefulset.js';
import type { Manifest, ReconcileSettings, ResourceView } from './types.js';

/**
 * One voluntary disruption (node drain, cluster upgrade) at a time per
 * ZoneAssignment: each evicted zone server hands its zones over, and the
 * next goes only once it is back. Named like the StatefulSet and owned by
 * the ZoneAssignment, so it goes with it.
 */
export function desiredPodDisruptionBudget(resource: ResourceView, settings: Pick<ReconcileSettings, 'managedBy'>, resourceVersion?: string): Manifest {
  const spec = { maxUnavailable: 1, selector: { matchLabels: selectorLabels(resource.name) } };
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: {
      name: statefulSetName(resource),
      namespace: resource.namespace,
      labels: { ...selectorLabels(resource.name), 'app.kubernetes.io/managed-by': settings.managedBy },
      annotations: { [TEMPLATE_HASH_ANNOTATION]: templateHash(spec) },
      ownerReferences: [{ apiVersion: API_VERSION, kind: KIND, name: resource.name, uid: resource.uid, controller: true, blockOwnerDeletion: true }],
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    spec,
  };
}
