export * from './archetypes.js';
