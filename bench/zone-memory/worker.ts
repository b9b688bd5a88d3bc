import { describeErrorChain } from '@aether/shared/process';
import { measurePlainPlayers } from './plain-players.js';
import type { WorkerReply, WorkerTask } from './worker-messages.js';
import { measureZone } from './zone-measure.js';

/**
 * One measurement in a fresh process (`node --expose-gc`, pinned by the
 * benchmark), so no run inherits another's heap: the task comes as JSON in
 * argv[2], the answer goes back over IPC, then the process ends.
 */
async function main(): Promise<void> {
  if (!process.send) throw new Error('worker.ts is started by the zone-memory benchmark (it needs an IPC channel)');
  // The benchmark gone means nobody will stop us.
  process.on('disconnect', () => process.exit(1));
  let reply: WorkerReply;
  try {
    const task = JSON.parse(process.argv[2] ?? '') as WorkerTask;
    reply =
      task.mode === 'plain'
        ? { ok: true, mode: 'plain', result: await measurePlainPlayers(task.players, task.zoneSize) }
        : { ok: true, mode: 'zone', result: await measureZone(task) };
  } catch (error) {
    reply = { ok: false, error: describeErrorChain(error, 10) };
  }
  process.send(reply, () => process.exit(reply.ok ? 0 : 1));
}

void main();
