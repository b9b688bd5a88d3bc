// The one-process game as a library: tests, the browser fixture and tools start it in-process.
export * from './embedded.js';
export * from './embedded-postgres.js';
