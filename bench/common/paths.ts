import { access } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found by walking up from this file. Benchmarks run
 * compiled (bench/dist/…) under make and as TypeScript sources under Jest, so
 * a fixed relative path would be right in only one of the two.
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

/**
 * A compiled program the benchmark starts in its own process. Child processes
 * run plain Node, so they always need the build output, even under Jest.
 */
export async function compiledScript(root: string, relativePath: string): Promise<string> {
  const path = join(root, relativePath);
  try {
    await access(path);
  } catch (error) {
    throw new Error(`${relativePath} is missing: build first (make build, or npx tsc -b bench)`, { cause: error });
  }
  return path;
}

/**
 * A script of the compiled benchmarks (bench/dist/<relativePath>), checked
 * synchronously, for code that spawns it from a constructor.
 */
export function benchScript(relativePath: string): string {
  const path = join(repoRoot(), 'bench/dist', relativePath);
  if (!existsSync(path)) throw new Error(`${path} does not exist: build the bench first (make build, or npx tsc -b bench)`);
  return path;
}
