import { stringify } from 'yaml';
import { toStructuralSchema, type JsonSchema } from './structural.js';
import { CRD_NAME, GROUP, KIND, PLURAL, SHORT_NAMES, SINGULAR, VERSION, ZoneAssignmentSpec, ZoneAssignmentStatus } from './zone-assignment.js';

/** Where the rendered CRD lives in the repository (the Helm chart copies it). */
export const CRD_FILE = 'operator/crd/zoneassignments.aether.dev.yaml';

/** The CustomResourceDefinition, built from the zod schemas. */
export function buildCrd(): JsonSchema {
  const openAPIV3Schema: JsonSchema = {
    type: 'object',
    description: 'ZoneAssignment places the zones of the Aether world on zone-server pods that the operator runs as a StatefulSet.',
    required: ['spec'],
    properties: {
      apiVersion: { type: 'string', description: 'APIVersion of the object: aether.dev/v1alpha1.' },
      kind: { type: 'string', description: 'Kind of the object: ZoneAssignment.' },
      metadata: { type: 'object' },
      spec: toStructuralSchema(ZoneAssignmentSpec),
      status: toStructuralSchema(ZoneAssignmentStatus),
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: CRD_NAME,
      labels: { 'app.kubernetes.io/name': 'aether', 'app.kubernetes.io/component': 'operator', 'app.kubernetes.io/part-of': 'aether' },
    },
    spec: {
      group: GROUP,
      scope: 'Namespaced',
      names: { kind: KIND, listKind: `${KIND}List`, plural: PLURAL, singular: SINGULAR, shortNames: SHORT_NAMES, categories: ['aether'] },
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Zones', type: 'string', jsonPath: '.status.zones', description: 'Zones simulated by their owner / zones in spec.' },
            { name: 'Servers', type: 'integer', jsonPath: '.status.replicas', description: 'Zone-server pods.' },
            {
              name: 'Ready',
              type: 'string',
              jsonPath: '.status.conditions[?(@.type=="Ready")].status',
              description: 'Every zone is simulated by its assigned server.',
            },
            { name: 'Players', type: 'integer', jsonPath: '.status.players', description: 'Players over all zone servers.' },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          schema: { openAPIV3Schema },
        },
      ],
    },
  };
}

const HEADER = `# GENERATED from operator/src/api/zone-assignment.ts (zod) by \`npm run crd\`. Do not edit by hand.
`;

/** The committed YAML; a unit test fails when it differs from what the schemas give. */
export function renderCrdYaml(): string {
  return HEADER + stringify(buildCrd(), { lineWidth: 0, aliasDuplicateObjects: false });
}
