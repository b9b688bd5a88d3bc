export * from './frame-format.js';
export * from './frame-reader.js';
export * from './client-view.js';
export * from './socket-io-parser.js';
export * from './frame-events.js';
export * from './batch-reader.js';
