export * from './token-bucket.js';
export * from './backoff.js';
