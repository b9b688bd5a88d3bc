import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a run's files, `<base>.<extension>` for each entry, into `dir`
 * (created if missing) and returns their paths by extension. A new results
 * directory gets a .gitignore that keeps everything but itself out of git.
 */
export async function writeResultFiles<K extends string>(dir: string, base: string, files: Record<K, string>): Promise<Record<K, string>> {
  await mkdir(dir, { recursive: true });
  const ignore = join(dir, '.gitignore');
  if (!existsSync(ignore)) await writeFile(ignore, '# Benchmark output: machine-specific, never committed.\n*\n!.gitignore\n');
  const paths = {} as Record<K, string>;
  for (const extension of Object.keys(files) as K[]) {
    paths[extension] = join(dir, `${base}.${extension}`);
    await writeFile(paths[extension], files[extension]);
  }
  return paths;
}

/** A run's report as written: pretty JSON with a final newline. */
export function jsonFile(report: unknown): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
