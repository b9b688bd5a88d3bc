import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where this bench's files are. It runs compiled (bench/dist/crowded-zone/)
 * and, in the smoke test, from its sources (bench/crowded-zone/); the child
 * processes (baseline, bots) always run compiled, from bench/dist.
 */
export function benchPaths(): { repoRoot: string; compiledDir: string } {
  const here = dirname(fileURLToPath(import.meta.url));
  const compiled = here.split('/').includes('dist');
  const repoRoot = resolve(here, compiled ? '../../..' : '../..');
  return { repoRoot, compiledDir: join(repoRoot, 'bench/dist/crowded-zone') };
}

/** A compiled script of this bench, or an error saying to build first. */
export function compiledScript(relativePath: string): string {
  const path = join(benchPaths().compiledDir, relativePath);
  if (!existsSync(path)) throw new Error(`${path} does not exist: build the bench first (make build, or npx tsc -b bench)`);
  return path;
}
