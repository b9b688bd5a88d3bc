import { execFileSync } from 'node:child_process';

/** The commit a checkout is at, and how many tracked files its working tree has changed; nulls outside git. */
export function describeCheckout(root: string): { root: string; commit: string | null; modifiedFiles: number | null } {
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', 'HEAD');
    const modifiedFiles = git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean).length;
    return { root, commit, modifiedFiles };
  } catch {
    return { root, commit: null, modifiedFiles: null };
  }
}
