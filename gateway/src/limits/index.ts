export * from './limits.js';
export * from './client-address.js';
