// Tests run the TypeScript sources as native ES modules (client-node is
// ESM-only), transformed by SWC; see docs/toolchain.md for the reasons.
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' }, sourceMaps: 'inline' }],
};
const moduleNameMapper = {
  '^@aether/shared$': '<rootDir>/shared/src/index.ts',
  '^@aether/(shared|testing)/(.*)$': '<rootDir>/$1/src/$2/index.ts',
  '^@aether/(zone|gateway|operator|testing|standalone|mud)$': '<rootDir>/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform,
  moduleNameMapper,
  rootDir: '.',
  // test/lint/fixtures holds fake workspaces (same package names) for the dependency rules' own test.
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.data/', '<rootDir>/.tools/', '<rootDir>/test/lint/fixtures/'],
};

export default {
  projects: [
    // Pure logic and in-process tests: no servers, also run under Node 24.
    // (charts/*/tests: `helm lint` / `helm template` only, no cluster.)
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{shared,zone,gateway,operator,testing,standalone,mud}/src/**/*.test.ts',
        '<rootDir>/charts/*/tests/*.test.ts',
        '<rootDir>/scripts/images/*.test.ts',
        '<rootDir>/test/lint/*.test.ts',
      ],
    },
    // Cross-process tests against real Redis and PostgreSQL started by the harness.
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{shared,zone,gateway,standalone,mud}/test/**/*.test.ts',
        '<rootDir>/test/integration/**/*.test.ts',
        // A few seconds of each benchmark on a handful of players (bench/*/), not the sweep.
        '<rootDir>/bench/**/*.test.ts',
        // /metrics of real gateway, zone and operator processes (the operator on a test control plane).
        '<rootDir>/test/metrics/**/*.test.ts',
        // helm install into a test control plane.
        '<rootDir>/charts/*/tests/integration/**/*.test.ts',
      ],
      globalSetup: '<rootDir>/test/harness/global-setup.mjs',
      globalTeardown: '<rootDir>/test/harness/global-teardown.mjs',
    },
    // The operator against a real kube-apiserver (+ etcd, controller-manager, scheduler, kwok), Redis and PostgreSQL.
    {
      ...common,
      displayName: 'operator',
      testMatch: ['<rootDir>/operator/test/**/*.test.ts'],
      globalSetup: '<rootDir>/operator/test/harness/global-setup.mjs',
      globalTeardown: '<rootDir>/operator/test/harness/global-teardown.mjs',
    },
    // Headless Chromium against a real embedded server.
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.mjs',
      globalTeardown: '<rootDir>/test/harness/global-teardown.mjs',
    },
  ],
};
