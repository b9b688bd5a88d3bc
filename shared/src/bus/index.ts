export * from './message-bus.js';
export * from './codec.js';
export * from './in-memory-bus.js';
export * from './sequence-tracker.js';
