export * from './api/zone-assignment.js';
export { buildCrd, renderCrdYaml, CRD_FILE } from './api/crd.js';
export { reconcile } from './reconcile/reconcile.js';
export { desiredReplicas } from './reconcile/autoscale.js';
export type * from './reconcile/types.js';
