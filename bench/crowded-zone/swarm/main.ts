import { describeErrorChain } from '@aether/shared/process';
import type { FromSwarm, ToSwarm } from './messages.js';
import { Swarm } from './swarm.js';

/**
 * The bots process: one Node.js process, pinned to its own core by the
 * runner, driven over IPC (swarm/messages.ts). It exits when told to stop,
 * and on its own when the runner goes away.
 */
const send = (message: FromSwarm) => process.send?.(message);
let swarm: Swarm | undefined;

if (!process.send) {
  process.stderr.write('crowded-zone bots: start me from the crowded-zone runner (I need its IPC channel)\n');
  process.exit(2);
}
// The runner is gone (closed channel, or its end of our stdin): nobody will ever stop us otherwise.
process.on('disconnect', () => process.exit(1));
process.stdin.on('end', () => process.exit(1));
process.stdin.resume();
process.on('SIGTERM', () => {
  swarm?.close();
  process.exit(0);
});

process.on('message', (message: ToSwarm) => {
  void handle(message).catch((error: unknown) => send({ type: 'failed', message: describeErrorChain(error, 8) }));
});

async function handle(message: ToSwarm): Promise<void> {
  switch (message.type) {
    case 'start': {
      if (swarm) throw new Error('the swarm was already started');
      const started = performance.now();
      const current = (swarm = new Swarm(message));
      const progress = setInterval(() => send({ type: 'progress', ...current.progress }), 2000);
      try {
        await current.enterAll();
      } finally {
        clearInterval(progress);
      }
      send({ type: 'ready', players: message.bots.length, seconds: (performance.now() - started) / 1000 });
      return;
    }
    case 'walk':
      requireSwarm().walk();
      send({ type: 'walking' });
      return;
    case 'begin-window':
      requireSwarm().beginWindow();
      send({ type: 'window-begun' });
      return;
    case 'end-window':
      send({ type: 'window', window: await requireSwarm().endWindow(message.drainMs) });
      return;
    case 'stop':
      swarm?.close();
      // Let the close frames go out before exiting.
      setTimeout(() => {
        send({ type: 'stopped' });
        process.exit(0);
      }, 200);
      return;
  }
}

function requireSwarm(): Swarm {
  if (!swarm) throw new Error('the swarm has not been started');
  return swarm;
}
