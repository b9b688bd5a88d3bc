// Resolve options for dependency-cruiser (read as a webpack config's `resolve`).
// A workspace package (`@aether/shared`, ...) would resolve through its package.json
// exports to dist/, which may not be built and is not what we lint; like Jest's
// moduleNameMapper (jest.config.js) each workspace's name points at its src/ instead,
// so `@aether/shared/db` is shared/src/db/index.ts. The workspaces are read from the
// package.json in the working directory, so the rules' tests can cruise a fixture
// tree laid out like the repository (test/lint/fixtures/).
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = process.cwd();
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const alias = {};
for (const folder of readJson(join(root, 'package.json')).workspaces ?? []) {
  alias[readJson(join(root, folder, 'package.json')).name] = resolve(root, folder, 'src');
}

module.exports = { resolve: { alias } };
