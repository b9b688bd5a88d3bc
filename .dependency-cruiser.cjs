// Dependency rules (make lint; docs/toolchain.md, "Lint, format and dependency rules").
// Paths are relative to the repository root. test/lint/ cruises fixture trees with
// this same file to show that a wrong import makes it fail.
const { join } = require('node:path');

// What ships: the four server packages, plus the programs a person runs (the
// single-process game and the MUD client), which must not lean on test code either.
const PRODUCTION = '^(shared|zone|gateway|operator|standalone|mud)/src/';
const TEST_FILE = '[.]test[.]ts$|[.]test-helpers[.]ts$';
const TEST_CODE = `${TEST_FILE}|(^|/)tests?/|^testing/`;

// Which workspace may import which: scripts/lint/layers.cjs (drawn in docs/architecture.md,
// "Packages"). The never-shipped ones (testing, standalone, mud, bench) are imported by none
// of the shipped ones; bench is imported by nothing outside itself.
const { layers } = require('./scripts/lint/layers.cjs');
const WORKSPACES = [...Object.keys(layers), 'bench'];
// A package's tests may also use the test tooling (@aether/testing; its production
// code may not: no-test-code-in-production), and its integration tests (<package>/test/)
// the whole game in one process (@aether/standalone) as the server they talk to.
const layerRules = Object.entries(layers).flatMap(([name, allowed]) => {
  const forbidden = (extra) => `^(${WORKSPACES.filter((other) => other !== name && !allowed.includes(other) && !extra.includes(other)).join('|')})/`;
  return [
    {
      name: `layer-${name}`,
      comment: `${name} may import ${allowed.length > 0 ? allowed.join(', ') : 'no other workspace'}`,
      severity: 'error',
      from: { path: `^${name}/`, pathNot: `^${name}/test/` },
      to: { path: forbidden(['testing']) },
    },
    {
      name: `layer-${name}-integration-tests`,
      comment: `${name}'s integration tests may import ${[...allowed, 'testing', 'standalone/src'].join(', ')}`,
      severity: 'error',
      from: { path: `^${name}/test/` },
      to: { path: forbidden(['testing']), pathNot: '^standalone/src/' },
    },
  ];
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'bench-is-never-imported',
      comment: 'The benchmarks build beside the packages and are run, never imported.',
      severity: 'error',
      from: { pathNot: '^bench/' },
      to: { path: '^bench/' },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'Production code must not import tests, test helpers (*.test-helpers.ts), a test/ folder, @aether/testing or the test runner.',
      severity: 'error',
      from: { path: PRODUCTION, pathNot: TEST_FILE },
      to: { path: `${TEST_CODE}|^node_modules/(jest|@jest|@swc/jest|fast-check|playwright-core)/` },
    },
    {
      name: 'no-unlisted-dependencies',
      comment: "An npm package imported by a workspace must be in that workspace's package.json (or the root's devDependencies, for tests).",
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'world-is-the-core',
      comment: 'zone/src/world is the kernel the feature folders build on (docs/architecture.md, "Pure core, thin shell"); it imports none of them.',
      severity: 'error',
      from: { path: '^zone/src/world/' },
      to: { path: '^zone/src/', pathNot: '^zone/src/world/' },
    },
    {
      name: 'no-circular',
      // Cycles between packages and between a package's top-level folders: scripts/lint/folder-cycles.mjs.
      comment: 'No import cycles between modules.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve would slip past every rule above.',
      severity: 'error',
      from: {},
      // The web client (gateway/public) imports URLs the gateway serves, such as /wire/index.js.
      to: { couldNotResolve: true, pathNot: '^/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|[.]data|[.]tools)/|^shared/src/db/generated/|^test/lint/fixtures/' },
    // Type-only imports count: a production file that needs a test type still needs the test code to compile.
    tsPreCompilationDeps: true,
    // TypeScript 7 has no JavaScript API for dependency-cruiser; SWC parses the sources (type-only imports and re-exports included).
    parser: 'swc',
    combinedDependencies: true,
    webpackConfig: { fileName: join(__dirname, 'scripts/lint/resolve-workspaces.cjs') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
