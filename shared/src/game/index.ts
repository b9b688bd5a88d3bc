export * from './archetypes.js';
export * from './content-records.js';
export * from './abilities.js';
export * from './items.js';
