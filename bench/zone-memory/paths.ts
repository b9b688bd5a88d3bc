import { access } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found by walking up from this file: it runs compiled
 * (bench/dist/zone-memory/) under `make bench-memory` and as source
 * (bench/zone-memory/) under Jest.
 */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'bench', 'tsconfig.json')) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${fileURLToPath(import.meta.url)} (looked for bench/tsconfig.json)`);
    dir = parent;
  }
}

/** The compiled worker: workers run plain Node with --expose-gc, so they need the build even under Jest. */
export async function workerScript(root: string): Promise<string> {
  const path = join(root, 'bench/dist/zone-memory/worker.js');
  try {
    await access(path);
  } catch (error) {
    throw new Error('bench/dist/zone-memory/worker.js is missing: build first (make build, or npx tsc -b bench)', { cause: error });
  }
  return path;
}
