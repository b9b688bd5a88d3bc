import { createHash } from 'node:crypto';
import { API_VERSION, KIND } from '../api/zone-assignment.js';
import type { Manifest, ReconcileSettings, ResourceView, ZoneAssignmentSpec } from './types.js';

export const TEMPLATE_HASH_ANNOTATION = 'aether.dev/template-hash';
const ZONE_CONTAINER = 'zone';
export const COMPONENT_LABELS = {
  'app.kubernetes.io/name': 'aether-zone',
  'app.kubernetes.io/component': 'zone-server',
  'app.kubernetes.io/part-of': 'aether',
} as const;

/** Pods (and the StatefulSet) of one ZoneAssignment. The selector must never change, so it holds only these. */
export function selectorLabels(resourceName: string): Record<string, string> {
  return { 'app.kubernetes.io/name': COMPONENT_LABELS['app.kubernetes.io/name'], 'app.kubernetes.io/instance': resourceName };
}

function podLabels(resourceName: string, managedBy: string): Record<string, string> {
  return { ...COMPONENT_LABELS, 'app.kubernetes.io/instance': resourceName, 'app.kubernetes.io/managed-by': managedBy };
}

/** The StatefulSet is named after the resource, so pods (= SERVER_IDs) are `<name>-0`, `<name>-1`, … */
export const statefulSetName = (resource: Pick<ResourceView, 'name'>) => resource.name;

/** Parses `<statefulset>-<ordinal>`; -1 for a name that is not one of its pods. */
export function podOrdinal(statefulSet: string, podName: string): number {
  if (!podName.startsWith(`${statefulSet}-`)) return -1;
  const suffix = podName.slice(statefulSet.length + 1);
  return /^(0|[1-9][0-9]*)$/.test(suffix) ? Number(suffix) : -1;
}

function podTemplate(resource: ResourceView, spec: ZoneAssignmentSpec, settings: ReconcileSettings): Record<string, unknown> {
  const secretEnv = (name: string, secret: { name: string; key: string }) => ({ name, valueFrom: { secretKeyRef: { name: secret.name, key: secret.key } } });
  const container: Record<string, unknown> = {
    name: ZONE_CONTAINER,
    image: spec.template.image,
    ...(spec.template.imagePullPolicy ? { imagePullPolicy: spec.template.imagePullPolicy } : {}),
    env: [
      // The pod name is the server's identity: assignments in Redis name it.
      { name: 'SERVER_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      secretEnv('REDIS_URL', settings.redisSecret),
      secretEnv('DATABASE_URL', settings.databaseSecret),
      { name: 'TICK_RATE', value: String(spec.tickRate) },
      { name: 'METRICS_PORT', value: String(settings.zoneMetricsPort) },
      ...spec.template.env.map((entry) => ({ ...entry })),
    ],
    ports: [{ name: 'metrics', containerPort: settings.zoneMetricsPort, protocol: 'TCP' }],
    readinessProbe: {
      httpGet: { path: '/health', port: 'metrics' },
      periodSeconds: 5,
      timeoutSeconds: 2,
      failureThreshold: 3,
    },
    ...(spec.template.resources ? { resources: spec.template.resources } : {}),
  };
  return {
    metadata: { labels: podLabels(resource.name, settings.managedBy) },
    spec: {
      containers: [container],
      // Room for the zone server's handoff on SIGTERM (save players, release leases).
      terminationGracePeriodSeconds: 30,
    },
  };
}

/** Changes whenever the pod template would; compared instead of the API server's defaulted copy. */
function templateHash(template: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 16);
}

export function desiredStatefulSet(
  resource: ResourceView,
  spec: ZoneAssignmentSpec,
  settings: ReconcileSettings,
  replicas: number,
  resourceVersion?: string,
): Manifest {
  const template = podTemplate(resource, spec, settings);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: statefulSetName(resource),
      namespace: resource.namespace,
      labels: podLabels(resource.name, settings.managedBy),
      annotations: { [TEMPLATE_HASH_ANNOTATION]: templateHash(template) },
      ownerReferences: [{ apiVersion: API_VERSION, kind: KIND, name: resource.name, uid: resource.uid, controller: true, blockOwnerDeletion: true }],
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    spec: {
      replicas,
      serviceName: statefulSetName(resource),
      // Pods start and stop together; the operator orders scale-down itself (drain first).
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: selectorLabels(resource.name) },
      template,
    },
  };
}
