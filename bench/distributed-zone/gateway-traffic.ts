import { parseExposition } from '../common/measure/prometheus-text.js';
import { getText } from '../common/processes/wait-until-up.js';

export interface GatewayTraffic {
  /** Client messages per second over the window (aether_gateway_messages_total): all in, `move` in, all out. */
  inPerSecond: number;
  movesInPerSecond: number;
  outPerSecond: number;
}

interface Counts {
  at: number;
  in: number;
  moves: number;
  out: number;
}

const COUNTER = 'aether_gateway_messages_total';

/** One gateway's client traffic over a window, from its /metrics. */
export async function beginGatewayTraffic(url: string): Promise<{ finish(): Promise<GatewayTraffic> }> {
  const start = await read(url);
  return {
    async finish() {
      const end = await read(url);
      const seconds = (end.at - start.at) / 1000;
      return {
        inPerSecond: (end.in - start.in) / seconds,
        movesInPerSecond: (end.moves - start.moves) / seconds,
        outPerSecond: (end.out - start.out) / seconds,
      };
    },
  };
}

async function read(url: string): Promise<Counts> {
  const text = await getText(`${url}/metrics`);
  const at = performance.now();
  const counts: Counts = { at, in: 0, moves: 0, out: 0 };
  for (const sample of parseExposition(text).samples) {
    if (sample.name !== COUNTER) continue;
    if (sample.labels.direction === 'in') {
      counts.in += sample.value;
      if (sample.labels.event === 'move') counts.moves += sample.value;
    } else if (sample.labels.direction === 'out') counts.out += sample.value;
  }
  return counts;
}
