import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes the run's files into `dir` (created if missing) and returns their
 * paths. A new results directory gets a .gitignore that keeps everything
 * but itself out of git.
 */
export async function writeResults(dir: string, stamp: string, files: { json: unknown; svg: string; table: string }): Promise<{ json: string; svg: string; table: string }> {
  await mkdir(dir, { recursive: true });
  const ignore = join(dir, '.gitignore');
  if (!existsSync(ignore)) await writeFile(ignore, '# Benchmark output: machine-specific, never committed.\n*\n!.gitignore\n');
  const base = join(dir, `crowded-zone-${stamp}`);
  const paths = { json: `${base}.json`, svg: `${base}.svg`, table: `${base}.md` };
  await writeFile(paths.json, `${JSON.stringify(files.json, null, 2)}\n`);
  await writeFile(paths.svg, files.svg);
  await writeFile(paths.table, `${files.table}\n`);
  return paths;
}
