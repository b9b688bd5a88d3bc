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

/** The `restricted` Pod Security level, always: no setting of the operator or a ZoneAssignment loosens it. */
const ZONE_USER_ID = 10001;
const POD_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: ZONE_USER_ID,
  runAsGroup: ZONE_USER_ID,
  fsGroup: ZONE_USER_ID,
  seccompProfile: { type: 'RuntimeDefault' },
};
const CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

/**
 * Probes on the metrics port. `/health` is liveness (the tick loop ran
 * lately), lenient (a minute of failures) so a long garbage collection does
 * not kill a server in the middle of a handoff; the startup probe covers
 * loading. `/ready` checks the bus, the database and the owned zones loaded:
 * a server that fails it is not Ready, so the operator moves its zones away.
 */
const PROBES = {
  startupProbe: { httpGet: { path: '/health', port: 'metrics' }, periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 60 },
  livenessProbe: { httpGet: { path: '/health', port: 'metrics' }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 6 },
  readinessProbe: { httpGet: { path: '/ready', port: 'metrics' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
};

/** The image a ZoneAssignment gets: its own (once the policy allowed it) or the operator's ZONE_IMAGE. */
const zoneImage = (spec: ZoneAssignmentSpec, settings: ReconcileSettings) => spec.template.image ?? settings.zonePod.image;

function podTemplate(resource: ResourceView, spec: ZoneAssignmentSpec, settings: ReconcileSettings): Record<string, unknown> {
  const pod = settings.zonePod.template;
  const secretEnv = (name: string, secret: { name: string; key: string }) => ({ name, valueFrom: { secretKeyRef: { name: secret.name, key: secret.key } } });
  // The operator's env first: a ZoneAssignment's plain value (allow-listed) overrides a default of the same name.
  const extraEnv = new Map([...(pod.env ?? []), ...spec.template.env].map((entry) => [entry.name, { ...entry }]));
  const pullPolicy = spec.template.imagePullPolicy ?? pod.imagePullPolicy;
  const resources = spec.template.resources ?? pod.resources;
  const container: Record<string, unknown> = {
    name: ZONE_CONTAINER,
    image: zoneImage(spec, settings),
    ...(pullPolicy ? { imagePullPolicy: pullPolicy } : {}),
    env: [
      // The pod name is the server's identity: assignments in Redis name it.
      { name: 'SERVER_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      secretEnv('REDIS_URL', settings.redisSecret),
      secretEnv('DATABASE_URL', settings.databaseSecret),
      { name: 'TICK_RATE', value: String(spec.tickRate) },
      { name: 'METRICS_PORT', value: String(settings.zoneMetricsPort) },
      ...extraEnv.values(),
    ],
    ports: [{ name: 'metrics', containerPort: settings.zoneMetricsPort, protocol: 'TCP' }],
    ...PROBES,
    ...(resources ? { resources } : {}),
    securityContext: CONTAINER_SECURITY_CONTEXT,
    // The root filesystem is read-only; Node and the zone server may still write temporary files.
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
  const selector = { matchLabels: selectorLabels(resource.name) };
  return {
    metadata: {
      labels: { ...pod.podLabels, ...podLabels(resource.name, settings.managedBy) },
      ...(pod.podAnnotations ? { annotations: pod.podAnnotations } : {}),
    },
    spec: {
      // Zone servers never call the Kubernetes API: no token to steal.
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      securityContext: POD_SECURITY_CONTEXT,
      ...(pod.imagePullSecrets ? { imagePullSecrets: pod.imagePullSecrets } : {}),
      ...(pod.priorityClassName ? { priorityClassName: pod.priorityClassName } : {}),
      ...(pod.nodeSelector ? { nodeSelector: pod.nodeSelector } : {}),
      ...(pod.tolerations ? { tolerations: pod.tolerations } : {}),
      ...(pod.affinity ? { affinity: pod.affinity } : {}),
      ...(pod.topologySpreadConstraints
        ? { topologySpreadConstraints: pod.topologySpreadConstraints.map((constraint) => ({ labelSelector: selector, ...constraint })) }
        : {}),
      containers: [container],
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
      // Room for the zone server's handoff on SIGTERM (save players, release leases).
      terminationGracePeriodSeconds: 30,
    },
  };
}

/** Changes whenever the pod template would; compared instead of the API server's defaulted copy. */
export function templateHash(template: Record<string, unknown>): string {
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
