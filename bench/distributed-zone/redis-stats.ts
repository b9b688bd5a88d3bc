import { Redis } from 'ioredis';

export interface RedisTraffic {
  commands: number;
  commandsPerSecond: number;
  inputBytesPerSecond: number;
  outputBytesPerSecond: number;
  /** Clients connected at the end of the window (gateways, zone server, Socket.IO adapter, this probe). */
  connectedClients: number;
  /** Calls per second by command over the window (INFO commandstats), busiest first. */
  commandsPerSecondByName: Record<string, number>;
}

interface Counters {
  at: number;
  commands: number;
  input: number;
  output: number;
  clients: number;
  calls: Map<string, number>;
}

/**
 * Redis's own counters (INFO stats: total_commands_processed,
 * total_net_input_bytes, total_net_output_bytes) over a window. The probe's
 * two INFO calls are counted too: two commands and a few KB, noise.
 */
export class RedisStatsWindow {
  private constructor(
    private readonly client: Redis,
    private readonly start: Counters,
  ) {}

  static async begin(url: string): Promise<RedisStatsWindow> {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000 });
    client.on('error', () => {}); // surfaced by the commands that fail
    try {
      await client.connect();
      return new RedisStatsWindow(client, await read(client));
    } catch (error) {
      client.disconnect();
      throw new Error(`cannot read INFO from Redis at ${url}`, { cause: error });
    }
  }

  async finish(): Promise<RedisTraffic> {
    try {
      const end = await read(this.client);
      const seconds = (end.at - this.start.at) / 1000;
      const commands = end.commands - this.start.commands;
      return {
        commands,
        commandsPerSecond: commands / seconds,
        inputBytesPerSecond: (end.input - this.start.input) / seconds,
        outputBytesPerSecond: (end.output - this.start.output) / seconds,
        connectedClients: end.clients,
        commandsPerSecondByName: Object.fromEntries(
          [...end.calls]
            .map(([name, calls]) => [name, (calls - (this.start.calls.get(name) ?? 0)) / seconds] as const)
            .filter(([, rate]) => rate > 0)
            .sort((a, b) => b[1] - a[1]),
        ),
      };
    } finally {
      this.client.disconnect();
    }
  }

  close(): void {
    this.client.disconnect();
  }
}

async function read(client: Redis): Promise<Counters> {
  const text = await client.info('everything');
  const at = performance.now();
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:(\\d+)`, 'm').exec(text);
    if (!match) throw new Error(`INFO has no ${name}`);
    return Number(match[1]);
  };
  const calls = new Map<string, number>();
  for (const [, name, count] of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(name!, Number(count));
  return {
    at,
    commands: field('total_commands_processed'),
    input: field('total_net_input_bytes'),
    output: field('total_net_output_bytes'),
    clients: field('connected_clients'),
    calls,
  };
}
