import { AppsV1Api, CoordinationV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, PolicyV1Api } from '@kubernetes/client-node';

/**
 * Named on every write (the `fieldManager` query parameter), so managedFields
 * and audit logs say which fields the operator owns, as controller-runtime's
 * clients do; a human's `kubectl edit` shows up as a different manager.
 */
export const FIELD_MANAGER = 'aether-operator';

export interface KubeClients {
  config: KubeConfig;
  apps: AppsV1Api;
  core: CoreV1Api;
  custom: CustomObjectsApi;
  coordination: CoordinationV1Api;
  policy: PolicyV1Api;
}

/** KUBECONFIG (or ~/.kube/config) outside a cluster, the service account inside one. */
export function createKubeClients(config = loadDefault()): KubeClients {
  return {
    config,
    apps: config.makeApiClient(AppsV1Api),
    core: config.makeApiClient(CoreV1Api),
    custom: config.makeApiClient(CustomObjectsApi),
    coordination: config.makeApiClient(CoordinationV1Api),
    policy: config.makeApiClient(PolicyV1Api),
  };
}

function loadDefault(): KubeConfig {
  const config = new KubeConfig();
  try {
    config.loadFromDefault();
  } catch (error) {
    throw new Error('could not load a kubeconfig (KUBECONFIG, ~/.kube/config or the in-cluster service account)', { cause: error });
  }
  if (!config.getCurrentCluster()) throw new Error('the kubeconfig names no current cluster');
  return config;
}

/** HTTP status of a failed API call, if it was one. */
export function httpStatus(error: unknown): number | undefined {
  const code = (error as { code?: unknown; statusCode?: unknown } | null)?.code ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** The API server's own explanation (Status.message) of a failed call, without client-node's wrapping. */
export function apiMessage(error: unknown): string | undefined {
  const body = (error as { body?: unknown } | null)?.body;
  try {
    const parsed = typeof body === 'string' ? JSON.parse(body) : body;
    const message = (parsed as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
