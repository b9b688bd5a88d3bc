export * from './free-port.js';
export * from './postgres-server.js';
export * from './redis-server.js';
export * from './tls-certificates.js';
export * from './wait-for.js';
