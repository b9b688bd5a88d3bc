import { jest } from '@jest/globals';
import { waitFor } from '@aether/testing';
import { clientParser, PROTOCOL_VERSION } from '@aether/shared/wire';
import { io, type Socket } from 'socket.io-client';
import type { TestClient } from './client.js';
import { sleep, startBareGateway, type BareGateway } from './gateway-fixture.js';

jest.setTimeout(90_000);

/** A metric's value from the gateway's registry (summed over series matching `labels`). */
async function metric(gateway: BareGateway, name: string, labels: Record<string, string> = {}): Promise<number> {
  const found = await gateway.registry.getSingleMetric(name)?.get();
  if (!found) throw new Error(`no metric ${name}`);
  return found.values.filter((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value)).reduce((sum, v) => sum + v.value, 0);
}

async function enter(client: TestClient, name: string): Promise<string> {
  const created = await client.request('character_create', { name });
  if (!created.ok) throw new Error(`create ${name}: ${JSON.stringify(created.error)}`);
  const selected = await client.request('character_select', { characterId: created.character.id });
  if (!selected.ok) throw new Error(`select ${name}: ${JSON.stringify(selected.error)}`);
  return created.character.id as string;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

describe('rate limits: 1,000 messages a second from one socket', () => {
  let gateway: BareGateway;

  beforeAll(async () => {
    // The defaults, except that the flooder is not disconnected, so the cut can be measured over two seconds.
    gateway = await startBareGateway({ limits: { refusalsBeforeDisconnect: 1_000_000 } });
  }, 60_000);
  afterAll(() => gateway?.close());

  it('cuts known and unknown events to the limit, sends at most one error of a kind a second, and other sockets stay responsive', async () => {
    const flooder = await gateway.connect('flooder');
    const flooderId = await enter(flooder, 'Flooder');
    const honest = await gateway.connect('honest');
    await enter(honest, 'Honest');
    const errors: Array<{ code: string }> = [];
    flooder.socket.on('error', (error: { code: string }) => errors.push(error));

    const latencies: number[] = [];
    let measuring = true;
    const probing = (async () => {
      while (measuring) {
        const started = performance.now();
        const answer = await honest.request('character_list');
        latencies.push(performance.now() - started);
        expect(answer.ok).toBe(true);
        // About 12 lists a second, 24 of the honest socket's 30 units.
        await sleep(80);
      }
    })();

    const started = Date.now();
    let sent = 0;
    const sentByKind = { move: 0, command: 0, unknown: 0 };
    await new Promise<void>((resolve) => {
      // Paced by the clock, not by timer ticks: a loaded machine fires the timer late, and the
      // flood must still be 1,000 a second for the limits to be what is measured.
      const timer = setInterval(() => {
        const due = Math.min(2000, Math.floor(Date.now() - started));
        while (sent < due) {
          const kind = (['move', 'command', 'unknown'] as const)[sent % 3]!;
          if (kind === 'move') flooder.socket.emit('move', { heading: sent % 360, speed: 3 });
          else if (kind === 'command') flooder.socket.emit('command', { text: `/say flood ${sent}` });
          else flooder.socket.emit('no_such_event', { n: sent });
          sentByKind[kind] += 1;
          sent += 1;
        }
        if (Date.now() - started >= 2000) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    const elapsedSeconds = (Date.now() - started) / 1000;
    await sleep(300);
    measuring = false;
    await probing;

    const relayed = gateway.zones.traffic.filter((t) => t.characterId === flooderId && (t.type === 'player.move' || t.type === 'player.command')).length;
    const unknownAccepted = await metric(gateway, 'aether_gateway_unknown_events_total');
    // Socket bucket: 60 at once plus 30 a second; unknown events cost 2.
    const spent = relayed + 2 * unknownAccepted;
    const allowance = 60 + 30 * (elapsedSeconds + 0.3);
    console.info(
      `flood: ${JSON.stringify({ sent, sentByKind, elapsedSeconds, relayed, unknownAccepted, spent, allowance, errors: errors.length, honestP50: percentile(latencies, 0.5), honestP99: percentile(latencies, 0.99), probes: latencies.length })}`,
    );
    expect(sent).toBeGreaterThanOrEqual(1900);
    expect(spent).toBeLessThanOrEqual(allowance + 2);
    expect(spent).toBeGreaterThan(allowance * 0.7);
    // No error flood: one rate_limited and one unknown_event notice a second at most.
    const counts = (code: string) => errors.filter((e) => e.code === code).length;
    expect(counts('rate_limited')).toBeGreaterThanOrEqual(1);
    expect(counts('rate_limited')).toBeLessThanOrEqual(Math.ceil(elapsedSeconds + 0.3) + 1);
    expect(counts('unknown_event')).toBeLessThanOrEqual(Math.ceil(elapsedSeconds + 0.3) + 1);
    expect(await metric(gateway, 'aether_gateway_limit_refusals_total', { kind: 'socket_rate' })).toBeGreaterThan(sent * 0.8);
    // The other socket was answered throughout, promptly.
    expect(latencies.length).toBeGreaterThan(15);
    expect(percentile(latencies, 0.99)).toBeLessThan(250);
    expect(honest.events('error')).toEqual([]);
    expect(flooder.socket.connected).toBe(true);
  });

  it('a refused message with an ack hears why in its ack', async () => {
    const client = await gateway.connect('acked');
    const answers = await Promise.all(Array.from({ length: 40 }, () => client.request('character_list')));
    // character_list costs 2: 30 fit in the burst of 60.
    expect(answers.filter((a) => a.ok).length).toBe(30);
    expect(answers.filter((a) => !a.ok).map((a) => a.error.code)).toEqual(Array(10).fill('rate_limited'));
  });
});

describe('rate limits: the account bucket', () => {
  let gateway: BareGateway;

  beforeAll(async () => {
    gateway = await startBareGateway({ limits: { account: { perSecond: 1, burst: 20 }, socket: { perSecond: 1000, burst: 1000 } } });
  }, 60_000);
  afterAll(() => gateway?.close());

  it('survives reconnecting: the account bucket is where the last socket left it', async () => {
    const first = await gateway.connect('reconnecter');
    const answers = await Promise.all(Array.from({ length: 25 }, () => first.request('command', { text: 'hi' })));
    // Not in the world: the ones let through answer not_in_world; the rest are limited by the account.
    expect(answers.filter((a) => a.error.code === 'not_in_world').length).toBe(20);
    expect(answers.filter((a) => a.error.code === 'rate_limited').length).toBe(5);
    first.close();
    const second = await gateway.connect('reconnecter');
    expect((await second.request('command', { text: 'hi' })).error.code).toBe('rate_limited');
    const someoneElse = await gateway.connect('bystander');
    expect((await someoneElse.request('command', { text: 'hi' })).error.code).toBe('not_in_world');
    expect(await metric(gateway, 'aether_gateway_limit_refusals_total', { kind: 'account_rate' })).toBeGreaterThanOrEqual(6);
    expect(await metric(gateway, 'aether_gateway_account_buckets')).toBeGreaterThanOrEqual(2);
  });
});

describe('rate limits: a client that keeps pushing is disconnected (defaults)', () => {
  let gateway: BareGateway;

  beforeAll(async () => {
    gateway = await startBareGateway();
  }, 60_000);
  afterAll(() => gateway?.close());

  it('closes the flooder within a second or two, and keeps serving others', async () => {
    const flooder = await gateway.connect('pusher');
    const other = await gateway.connect('other');
    const errors: Array<{ code: string }> = [];
    flooder.socket.on('error', (error: { code: string }) => errors.push(error));
    const closed = new Promise<number>((resolve) => {
      const started = Date.now();
      flooder.socket.on('disconnect', () => resolve(Date.now() - started));
    });
    const timer = setInterval(() => {
      for (let i = 0; i < 10; i += 1) flooder.socket.emit(`junk_${i}`, 'x');
    }, 10);
    let giveUp: NodeJS.Timeout | undefined;
    const after = await Promise.race([closed, new Promise<number>((resolve) => (giveUp = setTimeout(() => resolve(-1), 5000)))]);
    clearTimeout(giveUp);
    clearInterval(timer);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(3000);
    expect(await metric(gateway, 'aether_gateway_limit_disconnects_total', { reason: 'flood' })).toBe(1);
    expect(errors.length).toBeLessThanOrEqual(4);
    expect((await other.request('character_list')).ok).toBe(true);
  });
});

describe('connections per IP', () => {
  let gateway: BareGateway;

  beforeAll(async () => {
    gateway = await startBareGateway({ host: '0.0.0.0', limits: { connectionsPerIp: 32 } });
  }, 60_000);
  afterAll(() => gateway?.close());

  function open(
    name: string,
    options: { localAddress?: string; host?: string; headers?: Record<string, string> } = {},
  ): { socket: Socket; outcome: Promise<string> } {
    const socket = io(`http://${options.host ?? '127.0.0.1'}:${gateway.server.port}`, {
      auth: { token: `dev:${name}`, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      parser: clientParser,
      timeout: 10_000,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      ...(options.headers ? { extraHeaders: options.headers } : {}),
    } as Parameters<typeof io>[1]);
    const outcome = new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? `refused at the handshake (${error.message})`));
    });
    return { socket, outcome };
  }

  it('caps 300 connections from one address at LIMIT_CONNECTIONS_PER_IP, and frees places as connections close', async () => {
    const attempts = Array.from({ length: 300 }, (_, i) => open(`crowd${i % 5}`));
    try {
      const outcomes = await Promise.all(attempts.map((a) => a.outcome));
      const tally: Record<string, number> = {};
      for (const outcome of outcomes)
        tally[outcome.startsWith('refused at the handshake') ? 'handshake' : outcome] =
          (tally[outcome.startsWith('refused at the handshake') ? 'handshake' : outcome] ?? 0) + 1;
      console.info(`300 connections from one address: ${JSON.stringify(tally)}`);
      expect(tally.connected).toBe(32);
      expect((tally.too_many_connections ?? 0) + (tally.handshake ?? 0)).toBe(268);
      expect(tally.too_many_connections).toBeGreaterThan(0);
      const refusedMetric =
        (await metric(gateway, 'aether_gateway_refused_connections_total', { reason: 'too_many_connections' })) +
        (await metric(gateway, 'aether_gateway_refused_connections_total', { reason: 'too_many_handshakes' }));
      expect(refusedMetric).toBe(268);

      // Another address is not affected.
      const elsewhere = open('elsewhere', { localAddress: '127.0.0.2' });
      attempts.push(elsewhere);
      expect(await elsewhere.outcome).toBe('connected');

      // Closing connections frees their places.
      const connected = attempts.filter((a) => a.socket.connected).slice(0, 3);
      for (const a of connected) a.socket.close();
      await waitFor(() => gateway.server.connectionLimiter.connections('127.0.0.1') === 29, {
        timeoutMs: 3000,
        message: 'the closed connections to be released',
      });
      const again = open('again');
      attempts.push(again);
      expect(await again.outcome).toBe('connected');
    } finally {
      for (const a of attempts) a.socket.close();
    }
  });
});

describe('connections per IP behind a trusted proxy', () => {
  let gateway: BareGateway;

  beforeAll(async () => {
    gateway = await startBareGateway({ limits: { connectionsPerIp: 2, trustedProxyHops: 1 } });
  }, 60_000);
  afterAll(() => gateway?.close());

  it('counts by the address the proxy appended to X-Forwarded-For, not by what the client wrote', async () => {
    const sockets: Socket[] = [];
    const connect = async (forwarded: string) => {
      const socket = io(`http://127.0.0.1:${gateway.server.port}`, {
        auth: { token: 'dev:proxied', protocol: PROTOCOL_VERSION },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        parser: clientParser,
        extraHeaders: { 'x-forwarded-for': forwarded },
      } as Parameters<typeof io>[1]);
      sockets.push(socket);
      return new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? error.message));
      });
    };
    try {
      expect(await connect('203.0.113.1')).toBe('connected');
      expect(await connect('203.0.113.1')).toBe('connected');
      expect(await connect('203.0.113.1')).toBe('too_many_connections');
      // A forged entry to the left of the proxy's own changes nothing.
      expect(await connect('198.51.100.9, 203.0.113.1')).toBe('too_many_connections');
      expect(await connect('203.0.113.2')).toBe('connected');
    } finally {
      for (const socket of sockets) socket.close();
    }
  });
});

describe('characters per account, command length, queued requests', () => {
  let gateway: BareGateway;

  beforeAll(async () => {
    gateway = await startBareGateway({ limits: { charactersPerAccount: 2, commandLength: 10, queuedRequests: 3 } });
  }, 60_000);
  afterAll(() => gateway?.close());

  it('refuses character_create past LIMIT_CHARACTERS_PER_ACCOUNT with too_many_characters', async () => {
    const client = await gateway.connect('collector');
    expect((await client.request('character_create', { name: 'CollectA' })).ok).toBe(true);
    expect((await client.request('character_create', { name: 'CollectB' })).ok).toBe(true);
    const third = await client.request('character_create', { name: 'CollectC' });
    expect(third).toEqual({ ok: false, error: { code: 'too_many_characters', message: expect.stringContaining('2') } });
    expect((await client.request('character_list')).characters).toHaveLength(2);
    expect(await metric(gateway, 'aether_gateway_limit_refusals_total', { kind: 'characters_per_account' })).toBe(1);
  });

  it('refuses a command longer than LIMIT_COMMAND_LENGTH with command_too_long, and relays one within it', async () => {
    const client = await gateway.connect('talker');
    const characterId = await enter(client, 'Talker');
    expect((await client.request('command', { text: 'x'.repeat(11) })).error.code).toBe('command_too_long');
    expect(await client.request('command', { text: 'x'.repeat(10) })).toEqual({ ok: true });
    expect(gateway.zones.traffic.filter((t) => t.characterId === characterId && t.type === 'player.command')).toHaveLength(1);
  });

  it('refuses requests past LIMIT_QUEUED_REQUESTS waiting behind a slow one', async () => {
    const client = await gateway.connect('queuer');
    const created = await client.request('character_create', { name: 'Queuer' });
    // Eight selects at once: three are taken (one runs, two wait), the other five are refused.
    const answers = await Promise.all(Array.from({ length: 8 }, () => client.request('character_select', { characterId: created.character.id })));
    const refused = answers.filter((a) => !a.ok && a.error.code === 'rate_limited').length;
    expect(refused).toBe(5);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(1);
    expect(await metric(gateway, 'aether_gateway_limit_refusals_total', { kind: 'queue_full' })).toBe(refused);
  });
});

describe('a slow reader', () => {
  let gateway: BareGateway;

  beforeAll(async () => {
    gateway = await startBareGateway({ limits: { outboundBufferBytes: 256 * 1024 } });
  }, 60_000);
  afterAll(() => gateway?.close());

  it('is disconnected once its unsent output passes LIMIT_OUTBOUND_BUFFER_BYTES, and taken out of the world; a reader that keeps up is not', async () => {
    const slow = await gateway.connect('sloth');
    const slowId = await enter(slow, 'Sloth');
    const fast = await gateway.connect('hare');
    const fastId = await enter(fast, 'Hare');
    // Stop reading: the kernel buffers fill, then the gateway's.
    const transport = (slow.socket.io as unknown as { engine: { transport: { ws: { _socket: unknown } } } }).engine.transport;
    const raw = transport.ws._socket as { pause(): void; resume(): void };
    raw.pause();

    const frame = new Uint8Array(64 * 1024);
    for (let i = 0; i < 200 && gateway.server.players === 2; i += 1) {
      await gateway.zones.toGateway(gateway.gatewayId, { messages: [], frames: [{ characterId: slowId, frame }] });
      await gateway.zones.toGateway(gateway.gatewayId, {
        messages: [{ characterId: fastId, event: 'error', data: { code: 'internal', message: `tick ${i}` } }],
      });
      await sleep(5);
    }
    await waitFor(() => gateway.server.players === 1, { timeoutMs: 5000, message: 'the slow reader to be dropped' });
    expect(await metric(gateway, 'aether_gateway_limit_disconnects_total', { reason: 'slow_reader' })).toBe(1);
    await waitFor(() => !gateway.zones.inWorld().has(slowId), { timeoutMs: 3000, message: 'the slow reader to leave the world' });
    expect(gateway.zones.inWorld().has(fastId)).toBe(true);
    expect(fast.socket.connected).toBe(true);
    expect(fast.events('error').length).toBeGreaterThan(10);
    // Let the client see the gateway's close, so it does not wait out its own close timeout.
    raw.resume();
  });
});
