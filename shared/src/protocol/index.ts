export * from './common.js';
export * from './client.js';
export * from './server.js';
export * from './internal.js';
export * from './combat-snapshot.js';
export * from './render-docs.js';
export * from './plain-text.js';
