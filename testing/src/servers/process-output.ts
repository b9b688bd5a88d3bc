import type { ChildProcess } from 'node:child_process';

/** Keeps the last few KB of a child process's output for error messages. */
export function outputTail(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-4096);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Pipes would otherwise hold the event loop open after child.unref().
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  return () => text;
}
