import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Prisma's schema engine is for creating migrations at development time
// (scripts/db/diff.mjs); the game, the migration Job and the test harness
// apply migrations with shared/src/db/migration-runner.ts. This keeps it that way, so a
// Prisma upgrade cannot break start-up again.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const ENGINE_IMPORT =
  /from '(@prisma\/schema-engine-wasm[^']*|@aether\/(shared\/db|testing)\/schema-engine|[^']*\/schema-engine(\/index)?\.js)'|(import|loadDb)\('@aether\/(shared\/db|testing)\/schema-engine'\)/;

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))));
  return nested.flat();
}

/** Every workspace's src/, read from the root package.json so that new workspaces are covered too. */
async function workspaceSources(): Promise<string[]> {
  const { workspaces } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  const dirs: string[] = [];
  for (const pattern of workspaces) {
    if (!pattern.endsWith('/*')) dirs.push(join(root, pattern));
    else {
      const parent = join(root, pattern.slice(0, -2));
      const children = await readdir(parent, { withFileTypes: true }).catch(() => []);
      dirs.push(...children.filter((child) => child.isDirectory()).map((child) => join(parent, child.name)));
    }
  }
  return (await Promise.all(dirs.map((dir) => files(join(dir, 'src'))))).flat();
}

describe('the schema engine is development-time only', () => {
  it('no runtime source and no runtime script imports it', async () => {
    const runtime = [
      ...(await workspaceSources()).filter((file) => /\.(ts|mts|js|mjs)$/.test(file) && !/\.test\.|\.test-helpers\./.test(file) && !file.startsWith(here)),
      ...['migrate.mjs', 'seed.mjs'].map((script) => join(root, 'scripts', 'db', script)),
    ];
    expect(runtime.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const file of runtime) {
      if (ENGINE_IMPORT.test(await readFile(file, 'utf8'))) offenders.push(relative(root, file));
    }
    expect(offenders).toEqual([]);
  });

  it('the pattern catches the imports it is meant to', () => {
    expect(ENGINE_IMPORT.test("import { withSchemaEngine } from './schema-engine/index.js';")).toBe(true);
    expect(ENGINE_IMPORT.test("import type { SchemaEngine } from '@prisma/schema-engine-wasm';")).toBe(true);
    expect(ENGINE_IMPORT.test("await loadDb('@aether/testing/schema-engine')")).toBe(true);
    expect(ENGINE_IMPORT.test("import { createMigration } from '@aether/testing/schema-engine';")).toBe(true);
    expect(ENGINE_IMPORT.test("await import('@aether/testing/schema-engine')")).toBe(true);
    expect(ENGINE_IMPORT.test("import { migrate } from '@aether/shared/db';")).toBe(false);
  });
});
