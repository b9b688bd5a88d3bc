export * from './records.js';
export * from './registry.js';
export * from './assign.js';
export * from './heartbeat-publisher.js';
