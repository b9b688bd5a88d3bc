export * from './service-lifecycle.js';
