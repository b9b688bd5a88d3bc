export * from './world/types.js';
export * from './world/rules.js';
export * from './world/step.js';
export * from './commands/execute.js';
export * from './commands/registry.js';
export * from './server/ports.js';
export * from './server/metrics.js';
export * from './server/zone-host.js';
