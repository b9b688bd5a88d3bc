import { describeErrorChain } from '@aether/shared/process';
import type { FromSwarm, StartSwarm, ToSwarm } from '../crowded-zone/swarm/messages.js';
import { Swarm } from '../crowded-zone/swarm/swarm.js';

/**
 * The bots process of the distributed bench: crowded-zone's Swarm (same bots,
 * same walk, same measurements, one process and one clock for every bot)
 * driven over crowded-zone's IPC protocol, the one change being that the bots
 * connect to the gateways in turn. Copied from crowded-zone/swarm/main.ts,
 * which connects every bot to one URL.
 */
export interface StartDistributedSwarm extends StartSwarm {
  /** The gateways: bot k (in the order the swarm lets them in) connects to urls[k % urls.length]. */
  urls: string[];
}

const send = (message: FromSwarm) => process.send?.(message);
let swarm: Swarm | undefined;

if (!process.send) {
  process.stderr.write('distributed-zone bots: start me from the distributed-zone runner (I need its IPC channel)\n');
  process.exit(2);
}
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

/**
 * Swarm reads `config.url` once per bot, as it creates it: a getter handing
 * out the gateways in turn splits the crowd evenly. The runner checks the
 * split on the gateways themselves (their /health counts), so a Swarm that
 * reads it differently fails the run instead of skewing it.
 */
function alternating(message: StartDistributedSwarm): StartSwarm {
  const { urls } = message;
  if (!Array.isArray(urls) || urls.length === 0) throw new Error('start: no gateway urls');
  let next = 0;
  const config = { ...message };
  Object.defineProperty(config, 'url', { enumerable: true, get: () => urls[next++ % urls.length]! });
  return config;
}

async function handle(message: ToSwarm): Promise<void> {
  switch (message.type) {
    case 'start': {
      if (swarm) throw new Error('the swarm was already started');
      const started = performance.now();
      const current = (swarm = new Swarm(alternating(message as StartDistributedSwarm)));
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
