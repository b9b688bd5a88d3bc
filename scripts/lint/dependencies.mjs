#!/usr/bin/env node
// The dependency rules (make lint): dependency-cruiser with .dependency-cruiser.cjs,
// then the package and top-level folder cycles it cannot express (folder-cycles.mjs).
// Cruises the working directory, so test/lint/ runs it on fixture trees.
//   node scripts/lint/dependencies.mjs [--json] [path...]
// Exits 1 when anything is wrong; --json prints { violations, cycles } for the tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractWebpackResolveConfig from 'dependency-cruiser/config-utl/extract-webpack-resolve-config';
import { groupCycles, packageOf, topFolder } from './folder-cycles.mjs';

const CONFIG = join(dirname(fileURLToPath(import.meta.url)), '../../.dependency-cruiser.cjs');
// Besides the workspaces: the benchmarks, the cross-package tests, the scripts and the chart's tests.
const OTHER_ROOTS = ['bench', 'test', 'scripts', 'charts', 'jest.config.js'];

const args = process.argv.slice(2);
const json = args.includes('--json');
const paths = args.filter((arg) => arg !== '--json');
const workspaces = JSON.parse(readFileSync('package.json', 'utf8')).workspaces ?? [];
const roots = paths.length > 0 ? paths : [...workspaces, ...OTHER_ROOTS].filter((path) => existsSync(path));

const options = await extractDepcruiseOptions(CONFIG);
const resolveOptions = await extractWebpackResolveConfig(options.webpackConfig.fileName);
const result = await cruise(roots, { ...options, outputType: 'json' }, resolveOptions);
const { modules, summary } = JSON.parse(result.output);

const cycles = [
  ...groupCycles(modules, packageOf).map((cycle) => ({ kind: 'package', ...cycle })),
  ...groupCycles(modules, topFolder, { within: packageOf }).map((cycle) => ({ kind: 'folder', ...cycle })),
];

if (json) {
  const violations = summary.violations.map((violation) => ({ rule: violation.rule.name, from: violation.from, to: violation.to }));
  process.stdout.write(`${JSON.stringify({ violations, cycles }, null, 2)}\n`);
} else {
  process.stdout.write((await format(JSON.parse(result.output), { outputType: 'err' })).output);
  for (const cycle of cycles) {
    process.stdout.write(`  error no-${cycle.kind}-cycle: ${cycle.members.join(' <-> ')}\n${cycle.imports.map((line) => `      ${line}\n`).join('')}`);
  }
  if (cycles.length > 0) process.stdout.write(`\nx ${cycles.length} cycle(s) between packages or top-level folders of production code\n`);
}
process.exitCode = summary.error > 0 || cycles.length > 0 ? 1 : 0;
