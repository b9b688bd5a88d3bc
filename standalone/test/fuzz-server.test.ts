import { jest } from '@jest/globals';
import { ClientEvents, type ErrorPayload } from '@aether/shared';
import { createLogger } from '@aether/shared/observability';
import { createTestDatabase } from '@aether/testing';
import { clientParser, PROTOCOL_VERSION } from '@aether/shared/wire';
import fc from 'fast-check';
import { io, Manager } from 'socket.io-client';
import { startEmbedded, type EmbeddedServer } from '../src/embedded.js';
import { TestClient } from '../../gateway/test/client.js';

/**
 * A real embedded server (gateway, every zone, PostgreSQL) under more than
 * 10,000 random inputs while a well-behaved player keeps playing:
 * - authenticated: random payloads on every client event (and on unknown
 *   ones) from several logged-in connections, each answered through its ack
 *   with the right verdict;
 * - not authenticated: random handshakes (tokens, protocol versions, junk
 *   auth objects), and random raw Engine.IO / Socket.IO frames on
 *   connections that never logged in, or did and then sent garbage.
 * Afterwards the server must still be running and serving, the process must
 * have seen no unhandled rejection or exception, and the server must have
 * logged no error (an error log means a handler threw something unforeseen).
 */

jest.setTimeout(120_000);

const SEED = 20261203;
const EVENT_CASES = 8_000;
const HANDSHAKE_CASES = 600;
const RAW_FRAME_CASES = 2_400;
const CONNECTIONS = 8;

/** Names socket.io-client refuses to emit; they never reach a server (the raw frames below send them anyway). */
const CLIENT_RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
const EVENTS = Object.keys(ClientEvents);

const weirdNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, 1e308, 2 ** 53 + 1));
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ minLength: 400, maxLength: 600 }),
  fc.constantFrom(
    '/say hi',
    '/look',
    '/party',
    '/party invite Nobody',
    '/whisper Nobody hi',
    '/move 1e999 0',
    '/shout hey',
    '/',
    '',
    ' ',
    '/help',
    '/attack',
    '\u0000',
    '\u202eevil',
    '/kick Nobody',
    '/ban Nobody',
  ),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    weirdNumber,
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.uint8Array({ maxLength: 32 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'text', 'name', 'stop')), tie('value'), { maxKeys: 4 }),
  ),
}));
/** The right keys with wrong (or right) values: what gets closest to a handler. */
const nearMiss = fc.oneof(
  fc.record({ text: fc.oneof(text, value) }),
  fc.record({ heading: fc.oneof(weirdNumber, value), speed: fc.oneof(weirdNumber, value) }),
  fc.record({ target: fc.oneof(value, fc.record({ x: weirdNumber, y: weirdNumber })) }),
  fc.record({ stop: value }),
  fc.record(
    { name: fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{2,17}$/), value), archetype: fc.oneof(fc.constantFrom('warrior', 'mage', 'lich'), value) },
    { requiredKeys: ['name'] },
  ),
  fc.record({ characterId: fc.oneof(fc.uuid(), text, value) }),
  fc.record({ text: text, extra: value }),
);
const deep = fc.integer({ min: 20, max: 1500 }).map((depth) => {
  let nested: unknown = 'core';
  for (let i = 0; i < depth; i += 1) nested = i % 2 ? [nested] : { text: nested };
  return nested;
});
const eventName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...EVENTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'toString',
      'constructor',
      'hasOwnProperty',
      'COMMAND',
      'move ',
      'error',
      'world_enter',
      'state_update',
      'resume_token',
    ),
  },
);
const eventCase = fc.record({
  event: eventName,
  args: fc.oneof(fc.constant([] as unknown[]), fc.tuple(fc.oneof(value, nearMiss, deep)), fc.tuple(nearMiss, value)),
  /** Most carry an ack, so each verdict can be checked; some are fire-and-forget. */
  acked: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
});

const handshakeCase = fc.oneof(
  fc.record(
    {
      token: fc.oneof(text, value, fc.stringMatching(/^dev:[A-Za-z0-9_-]{0,40}$/)),
      protocol: fc.oneof(fc.constant(PROTOCOL_VERSION), weirdNumber, value),
      resume: fc.oneof(text, value),
    },
    { requiredKeys: [] },
  ),
  value,
);

const json = fc.oneof(
  value.map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ maxLength: 60 }),
);
/** Raw Engine.IO frames (a packet type digit, then a Socket.IO packet or junk), and binary frames. */
const rawFrame = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('0', '1', '2', '3', '4', '5', '6'),
        fc.constantFrom('', '/', '/admin,', '/x,'),
        fc.oneof(fc.constant(''), fc.nat(99_999).map(String)),
        json,
      )
      .map(([sio, nsp, id, body]) => `4${sio}${nsp}${id}${body}`),
  },
  { weight: 2, arbitrary: fc.tuple(eventName, fc.array(value, { maxLength: 3 })).map(([event, args]) => `42${JSON.stringify([event, ...args])}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '42["disconnect"]',
      '42["connect"]',
      '42["newListener","x"]',
      '40{"token":"dev:rawfuzz","protocol":2}',
      '41',
      '2',
      '3',
      '5',
      '6',
      '1',
      '451-["move",{"_placeholder":true,"num":0}]',
      `4${'['.repeat(2000)}`,
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
);

/** What the server receives after socket.io's JSON encoding (binary kept as Buffers). */
function serverView(input: unknown): unknown {
  if (ArrayBuffer.isView(input)) return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  if (Array.isArray(input)) return input.map((item) => (item === undefined ? null : serverView(item)));
  if (input !== null && typeof input === 'object') {
    return Object.fromEntries(
      Object.entries(input)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, serverView(v)]),
    );
  }
  return input;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items` with at most `width` at a time. */
async function pool<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

describe('server fuzzing', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: EmbeddedServer;
  const clients: TestClient[] = [];
  const serverErrors: string[] = [];
  const processErrors: unknown[] = [];
  const onProcessError = (error: unknown) => processErrors.push(error);

  beforeAll(async () => {
    process.on('unhandledRejection', onProcessError);
    process.on('uncaughtException', onProcessError);
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    const logger = createLogger({
      level: 'error',
      base: { service: 'fuzz' },
      destination: { write: (line: string) => void serverErrors.push(line) },
    });
    server = await startEmbedded({
      port: 0,
      databaseUrl: database.url,
      logger,
      npcLlm: null,
      // Limits far above the defaults, so the random payloads reach the parsers and handlers instead of the rate limiter
      // (abuse-limits.test.ts covers the limits themselves); every connection comes from 127.0.0.1.
      limits: {
        socket: { perSecond: 100_000, burst: 100_000 },
        account: { perSecond: 100_000, burst: 100_000 },
        queuedRequests: 10_000,
        connectionsPerIp: 10_000,
        charactersPerAccount: 10_000,
      },
    });
  }, 60_000);

  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
    await database?.drop();
    process.off('unhandledRejection', onProcessError);
    process.off('uncaughtException', onProcessError);
  });

  it(`survives ${EVENT_CASES + HANDSHAKE_CASES + RAW_FRAME_CASES} random inputs, authenticated and not, answering each and serving a real player throughout`, async () => {
    const started = Date.now();
    const good = await new TestClient(server.url, 'honest').connected();
    clients.push(good);
    await good.enterWorld('Honest');

    // The honest player asks for its characters every 250 ms (each answer must come), and every
    // tenth time speaks and must hear itself (within the zone's chat rate of 30 lines a minute).
    let honest = true;
    let pings = 0;
    const honestLatencies: number[] = [];
    const speaking = (async () => {
      while (honest) {
        pings += 1;
        const asked = performance.now();
        const listed = await good.request('character_list');
        honestLatencies.push(performance.now() - asked);
        if (!listed.ok) throw new Error(`the honest player's character_list failed: ${JSON.stringify(listed)}`);
        if (pings % 10 === 1) {
          const line = `ping ${pings}`;
          const heard = good.next('event', (e) => e.text === `You say, "${line}"`, 5000);
          good.socket.emit('command', { text: line });
          await heard;
        }
        await sleep(250);
      }
    })();
    const phases: Record<string, number> = {};
    let phaseStart = Date.now();
    const phase = (name: string) => {
      phases[name] = Date.now() - phaseStart;
      phaseStart = Date.now();
    };

    // 1. Authenticated: random payloads on every event, from logged-in connections (half in the world).
    const fuzzers: Array<{ client: TestClient; errors: ErrorPayload[] }> = [];
    for (let i = 0; i < CONNECTIONS; i += 1) {
      const client = await new TestClient(server.url, `fuzz${i}`).connected();
      clients.push(client);
      if (i % 2 === 0) await client.enterWorld(`Fuzz${i}`);
      const errors: ErrorPayload[] = [];
      client.socket.on('error', (error: ErrorPayload) => errors.push(error));
      fuzzers.push({ client, errors });
    }
    const cases = fc.sample(eventCase, { numRuns: EVENT_CASES, seed: SEED }).filter((p) => !CLIENT_RESERVED.has(p.event));
    const stats = {
      events: 0,
      invalid: 0,
      unknown: 0,
      valid: 0,
      acked: 0,
      unacked: 0,
      handshakes: 0,
      handshakeRefused: 0,
      handshakeAccepted: 0,
      rawFrames: 0,
      rawConnections: 0,
    };
    const problems: string[] = [];

    await Promise.all(
      fuzzers.map(async ({ client }, lane) => {
        for (let index = lane; index < cases.length; index += fuzzers.length) {
          const { event, args, acked } = cases[index]!;
          const label = () => `#${index} ${JSON.stringify(event)} ${JSON.stringify(args)?.slice(0, 200)}`;
          stats.events += 1;
          const known = Object.hasOwn(ClientEvents, event);
          const valid = known && ClientEvents[event as keyof typeof ClientEvents].safeParse(args.length === 0 ? undefined : serverView(args[0])).success;
          if (!known) stats.unknown += 1;
          else if (valid) stats.valid += 1;
          else stats.invalid += 1;
          if (!acked) {
            stats.unacked += 1;
            client.socket.emit(event, ...args);
            continue;
          }
          const reply = await new Promise<any>((resolve) =>
            client.socket.timeout(5000).emit(event, ...args, (err: unknown, response: unknown) => resolve(err ? { timeout: true } : response)),
          );
          if (reply?.timeout) {
            problems.push(`no ack for ${label()}`);
            continue;
          }
          stats.acked += 1;
          const code = reply?.error?.code;
          if (!known && !(reply?.ok === false && code === 'unknown_event')) problems.push(`unknown event not refused: ${label()} → ${JSON.stringify(reply)}`);
          if (known && !valid && !(reply?.ok === false && code === 'invalid_payload'))
            problems.push(`invalid payload not refused: ${label()} → ${JSON.stringify(reply)}`);
          if (valid && typeof reply?.ok !== 'boolean') problems.push(`valid payload without a verdict: ${label()} → ${JSON.stringify(reply)}`);
          if (code === 'internal' || code === 'rate_limited') problems.push(`${code} for ${label()}`);
        }
      }),
    );

    phase('events');

    // 2. Not authenticated: random handshakes. Each ends in a refusal (or, for a well-formed dev token, a connection).
    const handshakes = fc.sample(handshakeCase, { numRuns: HANDSHAKE_CASES, seed: SEED + 1 });
    await pool(handshakes, 16, async (auth) => {
      stats.handshakes += 1;
      const socket = io(server.url, {
        auth: auth as Record<string, unknown>,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        parser: clientParser,
        timeout: 5000,
      } as Parameters<typeof io>[1]);
      let giveUp: NodeJS.Timeout | undefined;
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? `no code: ${error.message}`));
        // A CONNECT packet the parser refuses (auth not an object) closes the connection without a reply; connect_error, when there is one, comes first.
        socket.io.once('close', (reason: string) => setTimeout(() => resolve(reason === 'transport close' ? 'closed by the server' : `closed: ${reason}`), 0));
        giveUp = setTimeout(() => resolve('no answer within 8 s'), 8000);
      });
      clearTimeout(giveUp);
      socket.close();
      if (outcome === 'connected') stats.handshakeAccepted += 1;
      else if (['unauthorized', 'outdated_client', 'banned', 'rate_limited', 'closed by the server'].includes(outcome)) stats.handshakeRefused += 1;
      else problems.push(`handshake ${JSON.stringify(auth)?.slice(0, 200)} → ${outcome}`);
    });

    phase('handshakes');

    // 3. Raw frames on connections that never logged in (half of them) or logged in first (the other half).
    const frames = fc.sample(rawFrame, { numRuns: RAW_FRAME_CASES, seed: SEED + 2 });
    const perConnection = 60;
    const batches = Array.from({ length: Math.ceil(frames.length / perConnection) }, (_, i) => frames.slice(i * perConnection, (i + 1) * perConnection));
    await pool(batches, 8, async (batch, index) => {
      stats.rawConnections += 1;
      const manager = new Manager(server.url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        autoConnect: false,
        parser: clientParser,
      } as ConstructorParameters<typeof Manager>[1]);
      await new Promise<void>((resolve) => manager.open(() => resolve()));
      const engine = manager.engine as unknown as {
        transport: { ws: { send(data: string | Uint8Array): void; readyState: number } };
        close(): void;
        readyState: string;
      };
      if (index % 2 === 1) engine.transport.ws.send(`40${JSON.stringify({ token: `dev:raw${index}`, protocol: PROTOCOL_VERSION })}`);
      for (const frame of batch) {
        // The server closes a connection on a frame it cannot parse; the rest of the batch goes to a new one.
        if (engine.readyState !== 'open' || engine.transport.ws.readyState !== 1) break;
        engine.transport.ws.send(frame);
        stats.rawFrames += 1;
        await sleep(1);
      }
      engine.close();
    });
    // Frames a closed connection did not take are sent again on fresh connections, so every one of them is tried.
    const left = RAW_FRAME_CASES - stats.rawFrames;
    if (left > 0) {
      const rest = frames.slice(0, left);
      for (let i = 0; i < rest.length; i += 1) {
        const manager = new Manager(server.url, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          autoConnect: false,
          parser: clientParser,
        } as ConstructorParameters<typeof Manager>[1]);
        await new Promise<void>((resolve) => manager.open(() => resolve()));
        const engine = manager.engine as unknown as { transport: { ws: { send(data: string | Uint8Array): void } }; close(): void };
        engine.transport.ws.send(rest[i]!);
        stats.rawFrames += 1;
        stats.rawConnections += 1;
        await sleep(2);
        engine.close();
      }
    }

    phase('rawFrames');
    honest = false;
    await speaking;
    await sleep(200);
    const elapsed = Date.now() - started;
    const unknownNotices = fuzzers.reduce((n, f) => n + f.errors.filter((e) => e.code === 'unknown_event').length, 0);
    console.info(
      `fuzz: ${JSON.stringify({ ...stats, total: stats.events + stats.handshakes + stats.rawFrames, unknownNotices, pings, honestP99Ms: Math.round([...honestLatencies].sort((a, b) => a - b)[Math.floor(honestLatencies.length * 0.99)] ?? 0), phases, elapsedMs: elapsed })}`,
    );

    expect(problems.slice(0, 10)).toEqual([]);
    expect(stats.events + stats.handshakes + stats.rawFrames).toBeGreaterThanOrEqual(10_000);
    expect(stats.acked).toBeGreaterThan(EVENT_CASES * 0.85);
    expect(stats.valid).toBeGreaterThan(100);
    expect(stats.rawFrames).toBe(RAW_FRAME_CASES);
    // Unknown events are answered in their acks; the error event about them goes out at most once a second.
    expect(unknownNotices).toBeLessThanOrEqual(fuzzers.length * Math.ceil(elapsed / 1000));
    for (const { client } of fuzzers) expect(client.socket.connected).toBe(true);
    expect(good.socket.connected).toBe(true);
    expect(good.events('error')).toEqual([]);
    expect(pings).toBeGreaterThan(5);
    expect(processErrors).toEqual([]);
    expect(serverErrors).toEqual([]);

    // And a newcomer can still join and be heard; the server answers /health.
    const late = await new TestClient(server.url, 'latecomer').connected();
    clients.push(late);
    await late.enterWorld('Latecomer');
    const heard = late.next('event', (e) => e.text === 'You say, "still standing"');
    late.socket.emit('command', { text: 'still standing' });
    await heard;
    expect((await (await fetch(`${server.url}/health`)).json()).status).toBe('ok');
  });
});
