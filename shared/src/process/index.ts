export * from './service-lifecycle.js';
export * from './free-port.js';
export * from './service-bus.js';
export * from './dependency-checks.js';
