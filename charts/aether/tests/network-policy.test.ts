import { readFileSync } from 'node:fs';
import { find, podSpecs, render, renderError, root, type K8sObject, type RenderOptions } from './helpers.js';

// The chart's NetworkPolicies (templates/network-policies) against the flows of
// docs/architecture.md: each policy is rendered into one line per rule
// ("<policy> <direction> <ports> <peers>") and compared with the list a person
// would write down. The API server's acceptance of them is in
// tests/integration/install.test.ts (server-side dry run, evaluation install).

/** A peer as a person names it: a component of this release, the zone pods, a namespace, a CIDR. */
function peer(value: any): string {
  const parts: string[] = [];
  if (value.ipBlock) parts.push(`cidr ${value.ipBlock.cidr}`);
  const namespace = value.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
  if (value.namespaceSelector) parts.push(namespace ? `namespace ${namespace}` : `namespaces ${JSON.stringify(value.namespaceSelector)}`);
  const labels = value.podSelector?.matchLabels;
  if (labels) {
    if (labels['app.kubernetes.io/name'] === 'aether-zone') parts.push('zone pods');
    else if (labels['app.kubernetes.io/name'] === 'aether' && labels['app.kubernetes.io/instance'] === 'rel') parts.push(labels['app.kubernetes.io/component']);
    else
      parts.push(
        `pods ${Object.entries(labels)
          .map(([key, label]) => `${key}=${label}`)
          .join(',')}`,
      );
  }
  return parts.join(' ');
}

/** "<component> in|out <ports> from|to <peers>", one line per rule; "any" when the rule names no peer. */
function flows(objects: K8sObject[]): string[] {
  const lines: string[] = [];
  for (const policy of objects.filter((object) => object.kind === 'NetworkPolicy')) {
    const component = policy.metadata.labels!['app.kubernetes.io/component'];
    for (const [direction, field, word] of [
      ['in', 'ingress', 'from'],
      ['out', 'egress', 'to'],
    ] as const) {
      for (const rule of policy.spec[field] ?? []) {
        const ports = (rule.ports ?? []).map((port: any) => `${port.protocol}/${port.port}`).join('+');
        const peers = (rule[word] ?? []).map(peer).join(' | ') || 'any';
        lines.push(`${component} ${direction} ${ports} ${word} ${peers}`);
      }
    }
  }
  return lines.sort();
}

const DNS = 'UDP/53+TCP/53 to namespace kube-system pods k8s-app=kube-dns';

/** Does a policy's podSelector select a pod with these labels (matchLabels only: the chart uses nothing else)? */
function selects(policy: K8sObject, labels: Record<string, string>): boolean {
  return Object.entries(policy.spec.podSelector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

/** The labels the operator gives zone pods (operator/src/reconcile/statefulset.ts), for a ZoneAssignment named rel-aether-world. */
const ZONE_POD_LABELS = {
  'app.kubernetes.io/name': 'aether-zone',
  'app.kubernetes.io/component': 'zone-server',
  'app.kubernetes.io/part-of': 'aether',
  'app.kubernetes.io/instance': 'rel-aether-world',
  'app.kubernetes.io/managed-by': 'aether-operator',
};

/** Every pod the release runs (the chart's and the operator's zone pods) is under exactly one policy, both directions default-denied. */
function expectEveryPodCovered(objects: K8sObject[]): void {
  const policies = objects.filter((object) => object.kind === 'NetworkPolicy');
  const pods = [
    ...podSpecs(objects).map(({ owner }) => {
      const object = objects.find((candidate) => `${candidate.kind}/${candidate.metadata.name}` === owner)!;
      return { owner, labels: (object.kind === 'Pod' ? object.metadata.labels : object.spec.template.metadata.labels) as Record<string, string> };
    }),
    { owner: 'zone pod', labels: ZONE_POD_LABELS },
  ];
  for (const { owner, labels } of pods) {
    const covering = policies.filter((policy) => selects(policy, labels));
    expect({ owner, policies: covering.map((policy) => policy.metadata.name) }).toEqual({ owner, policies: [expect.any(String)] });
    expect({ owner, policyTypes: covering[0]!.spec.policyTypes }).toEqual({ owner, policyTypes: ['Ingress', 'Egress'] });
  }
}

describe('NetworkPolicies with the minimal values (on by default)', () => {
  const objects = render();

  it('open exactly the flows of docs/architecture.md, any Redis and PostgreSQL address on their ports', () => {
    expect(flows(objects)).toEqual(
      [
        // players -> gateway; Prometheus and `helm test` -> the gateway's ops port
        'gateway in TCP/3100 from any',
        'gateway in TCP/9464 from test',
        'gateway in TCP/9464 from namespace monitoring',
        // gateway -> Redis, PostgreSQL, DNS
        `gateway out ${DNS}`,
        'gateway out TCP/6379 to any',
        'gateway out TCP/5432 to any',
        // operator: Prometheus in; Redis, the Kubernetes API, DNS out
        'operator in TCP/9464 from namespace monitoring',
        `operator out ${DNS}`,
        'operator out TCP/6379 to any',
        'operator out TCP/443+TCP/6443 to any',
        // zone pods: Prometheus in; Redis, PostgreSQL, DNS out
        'zone in TCP/9464 from namespace monitoring',
        `zone out ${DNS}`,
        'zone out TCP/6379 to any',
        'zone out TCP/5432 to any',
        // the migration Job: PostgreSQL and DNS out, nothing in
        `migrations out ${DNS}`,
        'migrations out TCP/5432 to any',
        // the helm test pod: the gateway's two ports
        `test out ${DNS}`,
        'test out TCP/3100+TCP/9464 to gateway',
      ].sort(),
    );
  });

  it('put every pod of the release, and the operator’s zone pods, under one default-deny policy (ingress and egress)', () => {
    expectEveryPodCovered(objects);
    // A policy with no ingress rules admits nothing: the Job and the test pod take no connections.
    for (const name of ['-migrations', '-test']) expect(find(objects, 'NetworkPolicy', name).spec.ingress).toEqual([]);
  });

  it('select the zone pods by the label the operator gives them', () => {
    const source = readFileSync(`${root}operator/src/reconcile/statefulset.ts`, 'utf8');
    expect(source).toContain("'app.kubernetes.io/name': 'aether-zone'");
    expect(find(objects, 'NetworkPolicy', '-zone').spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'aether-zone' } });
  });
});

describe('NetworkPolicies from the values', () => {
  it('narrow Redis and PostgreSQL to the production values’ subnets and Prometheus to its pods', () => {
    const lines = flows(render({ values: ['ci/production-values.yaml'] }));
    expect(lines.filter((line) => /TCP\/(6379|5432) /.test(line))).toEqual(
      [
        'gateway out TCP/6379 to cidr 10.20.0.0/24',
        'gateway out TCP/5432 to cidr 10.20.1.0/24',
        'operator out TCP/6379 to cidr 10.20.0.0/24',
        'zone out TCP/6379 to cidr 10.20.0.0/24',
        'zone out TCP/5432 to cidr 10.20.1.0/24',
        'migrations out TCP/5432 to cidr 10.20.1.0/24',
      ].sort(),
    );
    expect(lines).toContain('operator in TCP/9464 from namespace monitoring pods app.kubernetes.io/name=prometheus');
    // jwt mode with a JWKS URL: the gateways (and only they) reach the identity provider on the URL's port.
    expect(lines.filter((line) => line.includes('TCP/443 '))).toEqual(['gateway out TCP/443 to any']);
  });

  it('open the identity provider and the NPC LLM on their URLs’ ports, for the pods that call them only', () => {
    const set: RenderOptions['set'] = {
      'auth.mode': 'jwt',
      'auth.jwt.issuer': 'https://idp.example.com',
      'auth.jwt.audience': 'aether',
      'auth.jwt.jwksUrl': 'https://idp.example.com:8443/keys',
      'networkPolicy.identityProvider.to[0].ipBlock.cidr': '203.0.113.0/24',
      'npcLlm.url': 'http://llm.ai.svc:8080/v1',
      'npcLlm.model': 'small',
      'networkPolicy.npcLlm.to[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name': 'ai',
    };
    const lines = flows(render({ set }));
    expect(lines).toContain('gateway out TCP/8443 to cidr 203.0.113.0/24');
    expect(lines).toContain('zone out TCP/8080 to namespace ai');
    expect(lines.filter((line) => /TCP\/(8443|8080) /.test(line))).toHaveLength(2);
  });

  it('take extra Redis/PostgreSQL ports, a gateway allow-list, another DNS and no Prometheus', () => {
    const lines = flows(
      render({
        set: {
          'redis.url': 'rediss://redis.example.com:6380',
          'networkPolicy.redis.ports': '{6379,6380}',
          'networkPolicy.gatewayFrom[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name': 'ingress-nginx',
          'networkPolicy.dns.to': 'null',
          'networkPolicy.prometheus.namespace': '',
        },
      }),
    );
    expect(lines).toContain('gateway out TCP/6379+TCP/6380 to any');
    expect(lines).toContain('gateway in TCP/3100 from namespace ingress-nginx');
    expect(lines).toContain('zone out UDP/53+TCP/53 to any');
    expect(lines.filter((line) => line.includes('monitoring'))).toEqual([]);
    const objects = render({ set: { 'networkPolicy.prometheus.namespace': '' } });
    // No scraper allowed: the operator and the zone pods take no connection at all.
    for (const name of ['-operator', '-zone']) expect(find(objects, 'NetworkPolicy', name).spec.ingress).toEqual([]);
  });

  it('leave out the test pod’s policy (and its way into the gateway) without the test pod, the Job’s without migrations', () => {
    const objects = render({ set: { 'tests.enabled': false, 'migrations.enabled': false } });
    expect(
      objects
        .filter((object) => object.kind === 'NetworkPolicy')
        .map((policy) => policy.metadata.name)
        .sort(),
    ).toEqual(['rel-aether-gateway', 'rel-aether-operator', 'rel-aether-zone']);
    expect(flows(objects).filter((line) => line.includes(' test'))).toEqual([]);
  });

  it('networkPolicy.enabled=false renders none', () => {
    expect(render({ set: { 'networkPolicy.enabled': false } }).filter((object) => object.kind === 'NetworkPolicy')).toEqual([]);
  });

  it('evaluation mode: Redis and PostgreSQL are the release’s pods, which admit their clients only and reach nothing', () => {
    const objects = render({ values: [], set: { 'evaluation.enabled': true } });
    const lines = flows(objects);
    expect(lines.filter((line) => /^(redis|postgresql) /.test(line))).toEqual([
      'postgresql in TCP/5432 from gateway | zone pods | migrations',
      'redis in TCP/6379 from gateway | operator | zone pods',
    ]);
    expect(lines.filter((line) => /TCP\/(6379|5432) to/.test(line))).toEqual(
      [
        'gateway out TCP/6379 to redis',
        'gateway out TCP/5432 to postgresql',
        'operator out TCP/6379 to redis',
        'zone out TCP/6379 to redis',
        'zone out TCP/5432 to postgresql',
        'migrations out TCP/5432 to postgresql',
      ].sort(),
    );
    for (const name of ['-redis', '-postgresql']) expect(find(objects, 'NetworkPolicy', name).spec.egress).toEqual([]);
    expectEveryPodCovered(objects);
  });
});

describe('NetworkPolicy values that cannot work are refused', () => {
  it.each<[string, RenderOptions, RegExp]>([
    [
      'a Redis URL on a port the policies do not open',
      { set: { 'redis.url': 'redis://redis:6380' } },
      /redis\.url uses port 6380, which networkPolicy\.redis\.ports \(6379\) does not open/,
    ],
    [
      'a PostgreSQL URL on a port the policies do not open',
      { set: { 'database.url': 'postgresql://app@db:5433/aether' } },
      /database\.url uses port 5433, which networkPolicy\.database\.ports \(5432\) does not open/,
    ],
    ['a port out of range', { set: { 'networkPolicy.redis.ports': '{70000}' } }, /networkPolicy\/redis\/ports/],
    ['a peer that is not a NetworkPolicyPeer', { set: { 'networkPolicy.redis.to[0].cidr': '10.0.0.0/8' } }, /networkPolicy\/redis\/to/],
  ])('%s', (_name, options, message) => {
    expect(renderError(options)).toMatch(message);
  });

  it('lists every problem at once', () => {
    const error = renderError({ set: { 'redis.url': 'redis://redis:6380', 'database.url': 'postgresql://app@db:5433/aether' } });
    expect(error).toMatch(/redis\.url uses port 6380[\s\S]*database\.url uses port 5433/);
  });

  it('a URL port the policies do not open is fine with the policies off', () => {
    expect(renderError({ set: { 'redis.url': 'redis://redis:6380', 'networkPolicy.enabled': false } })).toBe('');
  });
});
