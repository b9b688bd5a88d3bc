export * from './records.js';
export * from './registry.js';
export * from './assign.js';
