export * from './logger.js';
export * from './metrics.js';
export * from './ops-server.js';
export * from './redact.js';
export * from './readiness.js';
export * from './dependency-metrics.js';
