import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The process and every descendant it has now (new ones inherit its CPU affinity anyway). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/**
 * Pins a running process, its threads and its descendants to one core: how
 * the bench keeps a PostgreSQL it did not spawn itself off the server's core.
 */
export function pinProcessTree(root: number, core: number): void {
  for (const pid of processTree(root)) {
    try {
      execFileSync('taskset', ['-a', '-cp', String(core), String(pid)], { stdio: 'ignore' });
    } catch (error) {
      // A backend may exit between the scan and taskset; only the root must be pinned.
      if (pid === root) throw new Error(`could not pin process ${pid} to core ${core}`, { cause: error });
    }
  }
}
