import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The bench's watchdog process. The runner tells it, one line each on its
 * stdin, which processes it started (`+<pid>`, `-<pid>` once gone) and which
 * directories are scratch (`dir <path>`). When that stdin closes — the runner
 * has exited, however it exited, SIGKILL included — it kills whatever is
 * still listed and removes the directories, so nothing is left holding a
 * port, a core or disk.
 */
const pids = new Set<number>();
const dirs = new Set<string>();

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.startsWith('+')) pids.add(Number(line.slice(1)));
  else if (line.startsWith('-')) pids.delete(Number(line.slice(1)));
  else if (line.startsWith('dir ')) dirs.add(line.slice(4));
  else if (line.startsWith('undir ')) dirs.delete(line.slice(6));
});

process.stdin.on('close', () => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  // Give killed processes a moment to release their files.
  setTimeout(
    () => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    },
    dirs.size > 0 ? 500 : 0,
  );
});
// The runner's signals (Ctrl-C reaches the whole process group) must not stop the watchdog early.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
