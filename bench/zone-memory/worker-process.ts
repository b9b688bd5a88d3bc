import { spawn } from 'node:child_process';
import type { WorkerReply, WorkerTask } from './worker-messages.js';

const OUTPUT_TAIL_CHARS = 8192;

/**
 * Runs one task in a fresh `node --expose-gc` pinned to `core` and resolves
 * with its reply. The process is killed if it overruns `timeoutMs`, when
 * `signal` aborts, and by the exit hook if the benchmark itself ends first.
 */
export function runWorker(script: string, task: WorkerTask, core: number, timeoutMs: number, signal?: AbortSignal): Promise<WorkerReply & { ok: true }> {
  signal?.throwIfAborted();
  const child = spawn('taskset', ['-c', String(core), process.execPath, '--expose-gc', script, JSON.stringify(task)], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const what = `${task.mode} worker (${task.players} players)`;
  return new Promise<WorkerReply & { ok: true }>((resolve, reject) => {
    let reply: WorkerReply | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} took longer than ${timeoutMs} ms; its output: ${output.trim() || '(none)'}`));
    }, timeoutMs);
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (message: WorkerReply) => {
      reply = message;
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${what} could not be started`, { cause: error }));
    });
    child.once('exit', (code, how) => {
      clearTimeout(timer);
      process.off('exit', killOnExit);
      signal?.removeEventListener('abort', onAbort);
      if (reply?.ok) return resolve(reply);
      if (signal?.aborted) return reject(new Error(`${what} was stopped`, { cause: signal.reason }));
      const why = reply && !reply.ok ? reply.error : `ended (${how ?? `exit code ${code}`}) without an answer`;
      reject(new Error(`${what}: ${why}${output.trim() ? `; its output: ${output.trim().slice(-2000)}` : ''}`));
    });
  });
}
