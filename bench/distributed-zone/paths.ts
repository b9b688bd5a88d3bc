import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../common/paths.js';

/** The repository root and this bench's build output (its bots process always runs compiled, even under Jest). */
export function distributedPaths(): { repoRoot: string; compiledDir: string } {
  const root = repoRoot();
  return { repoRoot: root, compiledDir: join(root, 'bench/dist/distributed-zone') };
}

/** A compiled script of this bench (default) or of the repository, or an error saying to build first. */
export function builtScript(path: string, from: 'bench' | 'repo' = 'bench'): string {
  const { repoRoot: root, compiledDir } = distributedPaths();
  const full = join(from === 'bench' ? compiledDir : root, path);
  if (!existsSync(full)) throw new Error(`${full} does not exist: build first (make build)`);
  return full;
}
