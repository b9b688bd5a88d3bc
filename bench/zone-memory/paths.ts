import { compiledScript } from '../common/paths.js';

export { repoRoot } from '../common/paths.js';

/** The compiled worker: workers run plain Node with --expose-gc, so they need the build even under Jest. */
export function workerScript(root: string): Promise<string> {
  return compiledScript(root, 'bench/dist/zone-memory/worker.js');
}
