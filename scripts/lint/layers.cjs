// Which workspace may import which: the one table the dependency rules
// (.dependency-cruiser.cjs) enforce and docs/architecture.md draws
// (scripts/docs/layout.mjs). Edit it here; `npm run docs:layout` redraws the picture.
const layers = {
  shared: [],
  zone: ['shared'],
  gateway: ['shared'],
  operator: ['shared'],
  testing: ['shared'],
  standalone: ['shared', 'zone', 'gateway'],
  mud: ['shared'],
};

// What each workspace is, for the picture; the server processes' packages are the ones in images.
const roles = {
  shared: 'protocol, bus, registry, db, config, observability',
  zone: 'zone server: the simulation',
  gateway: 'gateway: players’ connections',
  operator: 'operator: ZoneAssignment → pods',
  testing: 'test tooling',
  standalone: 'the game in one process (make dev)',
  mud: 'terminal client',
};
const inImages = ['shared', 'zone', 'gateway', 'operator'];

module.exports = { layers, roles, inImages };
