export * from './control-plane.js';
export * from './kubectl.js';
