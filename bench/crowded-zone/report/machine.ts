import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  kernel: string;
}

export function describeMachine(): Machine {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
  };
}

/** The commit a checkout is at, and whether its working tree differs from it; nulls outside git. */
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
