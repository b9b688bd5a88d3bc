export * from './protocol/index.js';
export * from './bus/index.js';
