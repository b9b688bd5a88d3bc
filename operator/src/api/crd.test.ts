import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { buildCrd, CRD_FILE, renderCrdYaml } from './crd.js';
import { toStructuralSchema } from './structural.js';
import { ZoneAssignmentSpec } from './zone-assignment.js';

describe('the ZoneAssignment CRD', () => {
  it('is up to date with the zod schemas (run `npm run crd`)', async () => {
    const committed = await readFile(new URL(`../../../${CRD_FILE}`, import.meta.url), 'utf8');
    expect(committed).toBe(renderCrdYaml());
  });

  it('has the fixed names, the status subresource and the printer columns', () => {
    const crd = buildCrd() as any;
    expect(crd.metadata.name).toBe('zoneassignments.aether.dev');
    expect(crd.spec.group).toBe('aether.dev');
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names).toMatchObject({ kind: 'ZoneAssignment', plural: 'zoneassignments', shortNames: ['za'] });
    const [version] = crd.spec.versions;
    expect(version.name).toBe('v1alpha1');
    expect(version.subresources).toEqual({ status: {} });
    expect(version.additionalPrinterColumns.map((c: { name: string }) => c.name)).toEqual(['Zones', 'Servers', 'Ready', 'Players', 'Age']);
  });

  it('is structural: every node typed, no $ref, no type unions', () => {
    const walk = (node: any, path: string): void => {
      expect([path, node.$ref]).toEqual([path, undefined]);
      expect([path, node.anyOf]).toEqual([path, undefined]);
      if (!node['x-kubernetes-int-or-string']) expect([path, typeof node.type]).toEqual([path, 'string']);
      for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${name}`);
      if (node.items) walk(node.items, `${path}[]`);
      if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}{}`);
    };
    walk((buildCrd() as any).spec.versions[0].schema.openAPIV3Schema, '$');
  });

  it('carries defaults and descriptions for kubectl explain', () => {
    const spec = (buildCrd() as any).spec.versions[0].schema.openAPIV3Schema.properties.spec;
    expect(spec.properties.tickRate.default).toBe(20);
    expect(spec.properties.servers.default).toEqual({ minReplicas: 1, maxReplicas: 10, maxZonesPerServer: 8, maxPlayersPerServer: 500 });
    expect(spec.properties.zones.items.properties.weight.default).toBe(1);
    expect(spec.properties.servers.properties.maxZonesPerServer.description).toMatch(/never gets more zones/);
  });

  it('has the CEL rules', () => {
    const yaml = renderCrdYaml();
    for (const message of ['zone ids must be unique', 'minReplicas must be <= maxReplicas', 'replicas must lie within [minReplicas, maxReplicas]']) {
      expect(yaml).toContain(message);
    }
  });

  it('refuses what a structural schema cannot say', () => {
    expect(() => toStructuralSchema(z.object({ a: z.union([z.string(), z.boolean()]) }))).toThrow(/anyOf/);
  });
});

describe('ZoneAssignmentSpec (the operator parses with the same schema)', () => {
  it('fills the same defaults the API server does', () => {
    const parsed = ZoneAssignmentSpec.parse({ zones: [{ id: 'zone-a' }], template: { image: 'x' } });
    expect(parsed).toEqual({
      zones: [{ id: 'zone-a', weight: 1 }],
      servers: { minReplicas: 1, maxReplicas: 10, maxZonesPerServer: 8, maxPlayersPerServer: 500 },
      autoscaling: { enabled: false, targetPlayersPerServer: 300, scaleDownStabilizationSeconds: 300 },
      template: { image: 'x', env: [] },
      tickRate: 20,
    });
  });
});
