import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../common/paths.js';

/**
 * Where this bench's files are. It runs compiled (bench/dist/crowded-zone/)
 * and, in the smoke test, from its sources (bench/crowded-zone/); the child
 * processes (baseline, bots, watchdog) always run compiled, from bench/dist.
 */
export function benchPaths(): { repoRoot: string; compiledDir: string } {
  const root = repoRoot();
  return { repoRoot: root, compiledDir: join(root, 'bench/dist/crowded-zone') };
}

/** A compiled script of this bench, or an error saying to build first. */
export function compiledScript(relativePath: string): string {
  const path = join(benchPaths().compiledDir, relativePath);
  if (!existsSync(path)) throw new Error(`${path} does not exist: build the bench first (make build, or npx tsc -b bench)`);
  return path;
}
