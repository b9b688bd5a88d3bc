export * from './protocol/index.js';
export * from './bus/index.js';
export * from './config/index.js';
export * from './registry/index.js';
export * from './limits/index.js';
export * from './game/index.js';
