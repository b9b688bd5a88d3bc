import { join } from 'node:path';
import { benchScript } from '../common/paths.js';

/**
 * A compiled script of this bench, or an error saying to build first. The
 * bench runs compiled (bench/dist/crowded-zone/) and, in the smoke test, from
 * its sources; its child processes (baseline, bots) always run compiled.
 */
export function compiledScript(relativePath: string): string {
  return benchScript(join('crowded-zone', relativePath));
}
