// Test tooling only: no image contains this package (scripts/images/check-contents.mjs).
// The bus contract suite imports @jest/globals, so it has its own entry point:
// `@aether/testing/bus-contract`.
export { freePort } from '@aether/shared/process';
export * from './wait-for.js';
export * from './servers/postgres-server.js';
export * from './servers/redis-server.js';
export * from './servers/redis-cluster.js';
export * from './servers/tls-certificates.js';
export * from './servers/process-output.js';
export * from './control-plane/control-plane.js';
export * from './control-plane/kubectl.js';
