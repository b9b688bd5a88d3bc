import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { httpsJson, type KubeResponse } from '@aether/testing';

/** zoneassignments in a namespace. */
export const zaPath = (namespace: string, name = '') => `/apis/aether.dev/v1alpha1/namespaces/${namespace}/zoneassignments${name ? `/${name}` : ''}`;

/**
 * The test's own view of the cluster: plain HTTPS to the API server with the
 * admin token (tests do not import client-node either), and kubectl from the
 * npm package, for what a user would type.
 */
export class TestKube {
  readonly kubeconfig = required('AETHER_TEST_KUBECONFIG');
  private readonly server = required('AETHER_TEST_KUBE_SERVER');
  private readonly token = required('AETHER_TEST_KUBE_TOKEN');
  private readonly ca = readFileSync(required('AETHER_TEST_KUBE_CA'));
  private readonly kubectlPath = required('AETHER_TEST_KUBECTL');

  request(method: string, path: string, body?: unknown, contentType?: string): Promise<KubeResponse> {
    return httpsJson(this.server, this.ca, this.token, method, path, body, contentType);
  }

  /** GET that answers undefined for 404 and throws for anything else that is not 200. */
  async get<T = any>(path: string): Promise<T | undefined> {
    const response = await this.request('GET', path);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  }

  async must(method: string, path: string, body?: unknown, contentType?: string): Promise<any> {
    const response = await this.request(method, path, body, contentType);
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** Runs kubectl; never throws, so a test can assert on a refusal's message. */
  kubectl(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = execFile(this.kubectlPath, ['--kubeconfig', this.kubeconfig, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
      if (input !== undefined) child.stdin!.end(input);
    });
  }

  async createNamespace(name: string): Promise<void> {
    const created = await this.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    if (created.status !== 201 && created.status !== 409) throw new Error(`create namespace ${name}: ${created.status}`);
    // Pods cannot be created before the namespace's default ServiceAccount exists.
    for (let i = 0; i < 300; i += 1) {
      if ((await this.request('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`)).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no default ServiceAccount in ${name}`);
  }

  za(namespace: string, name: string): Promise<any> {
    return this.get(zaPath(namespace, name));
  }

  async pods(namespace: string, instance: string): Promise<any[]> {
    const list = await this.get(`/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(`app.kubernetes.io/instance=${instance}`)}`);
    return list?.items ?? [];
  }

  /** Events about a ZoneAssignment, oldest first. */
  async events(namespace: string, name: string): Promise<Array<{ reason: string; message: string; type: string; time: number }>> {
    const selector = encodeURIComponent(`involvedObject.kind=ZoneAssignment,involvedObject.name=${name}`);
    const list = await this.get(`/api/v1/namespaces/${namespace}/events?fieldSelector=${selector}`);
    return (list?.items ?? [])
      .map((e: any) => ({
        reason: e.reason,
        message: e.message,
        type: e.type,
        time: Date.parse(e.firstTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp),
        rv: Number(e.metadata.resourceVersion),
      }))
      .sort((a: any, b: any) => a.time - b.time || a.rv - b.rv);
  }

  /** Merge-patches a ZoneAssignment's spec. */
  patchSpec(namespace: string, name: string, spec: unknown): Promise<any> {
    return this.must('PATCH', zaPath(namespace, name), { spec }, 'application/merge-patch+json');
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the operator project (jest --selectProjects operator), whose global setup starts the control plane`);
  return value;
}
