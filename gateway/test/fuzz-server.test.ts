import { jest } from '@jest/globals';
import { ClientEvents, type ErrorPayload } from '@aether/shared';
import { createTestDatabase } from '@aether/shared/testing';
import fc from 'fast-check';
import { startEmbedded, type EmbeddedServer } from '../src/embedded.js';
import { TestClient } from './client.js';

/**
 * A real embedded server (gateway, every zone, PostgreSQL) under a stream of
 * random payloads on every client event, from several connections, while a
 * well-behaved player keeps playing. Every refused payload must be answered
 * with an `error` event (and a failed ack where the event has one), no
 * connection is dropped, and the honest player is served throughout.
 */

jest.setTimeout(90_000);

const PAYLOADS = 2000;
const CONNECTIONS = 8;
/** Each connection stays under the gateway's 30 messages per second. */
const PACE_MS = 36;
const SEED = 20261122;

/** Names socket.io-client refuses to emit; they never reach a server. */
const CLIENT_RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
const EVENTS = Object.keys(ClientEvents);

const weirdNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, 1e308, 2 ** 53 + 1));
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ minLength: 400, maxLength: 600 }),
  fc.constantFrom('/say hi', '/look', '/party', '/party invite Nobody', '/whisper Nobody hi', '/move 1e999 0', '/shout hey', '/', '', ' ', '/help', '/attack', '\u0000'),
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
  fc.record({ name: fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{2,17}$/), value), archetype: fc.oneof(fc.constantFrom('warrior', 'mage', 'lich'), value) }, { requiredKeys: ['name'] }),
  fc.record({ characterId: fc.oneof(fc.uuid(), text, value) }),
  fc.record({ text: text, extra: value }),
);
const deep = fc.integer({ min: 20, max: 1500 }).map((depth) => {
  let nested: unknown = 'core';
  for (let i = 0; i < depth; i += 1) nested = i % 2 ? [nested] : { text: nested };
  return nested;
});
const payload = fc.record({
  event: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...EVENTS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'toString', 'constructor', 'hasOwnProperty', 'COMMAND', 'move ', 'error', 'world_enter', 'state_update') },
  ),
  args: fc.oneof(fc.constant([] as unknown[]), fc.tuple(fc.oneof(value, nearMiss, deep)), fc.tuple(nearMiss, value)),
});

/** What the server receives after socket.io's JSON encoding (binary kept as Buffers). */
function serverView(input: unknown): unknown {
  if (ArrayBuffer.isView(input)) return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  if (Array.isArray(input)) return input.map((item) => (item === undefined ? null : serverView(item)));
  if (input !== null && typeof input === 'object') {
    return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined).map(([k, v]) => [k, serverView(v)]));
  }
  return input;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('server fuzzing', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: EmbeddedServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    server = await startEmbedded({ port: 0, databaseUrl: database.url, logLevel: 'silent' });
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
    await database?.drop();
  });

  it(`answers ${PAYLOADS} random payloads with errors, keeps every connection and keeps serving a real player`, async () => {
    const started = Date.now();
    const good = await new TestClient(server.url, 'honest').connected();
    clients.push(good);
    await good.enterWorld('Honest');

    const fuzzers: Array<{ client: TestClient; errors: ErrorPayload[] }> = [];
    for (let i = 0; i < CONNECTIONS; i += 1) {
      const client = await new TestClient(server.url, `fuzz${i}`).connected();
      clients.push(client);
      // Half play in the world, so valid commands and moves reach the zones too.
      if (i % 2 === 0) await client.enterWorld(`Fuzz${i}`);
      const errors: ErrorPayload[] = [];
      client.socket.on('error', (error: ErrorPayload) => errors.push(error));
      fuzzers.push({ client, errors });
    }

    const all = fc.sample(payload, { numRuns: PAYLOADS, seed: SEED }).filter((p) => !CLIENT_RESERVED.has(p.event));
    const stats = { sent: 0, invalid: 0, unknownEvents: 0, valid: 0, acked: 0 };
    const problems: string[] = [];

    // The honest player speaks every 250 ms and must hear itself each time.
    let honest = true;
    let pings = 0;
    const speaking = (async () => {
      while (honest) {
        const line = `ping ${++pings}`;
        const heard = good.next('event', (e) => e.text === `You say, "${line}"`, 3000);
        good.socket.emit('command', { text: line });
        await heard;
        await sleep(250);
      }
    })();

    const lanes = fuzzers.map(async ({ client, errors }, lane) => {
      for (let index = lane; index < all.length; index += fuzzers.length) {
        const { event, args } = all[index]!;
        const label = () => `#${index} ${JSON.stringify(event)} ${JSON.stringify(args)?.slice(0, 200)}`;
        stats.sent += 1;
        const known = Object.hasOwn(ClientEvents, event);
        if (!known) {
          stats.unknownEvents += 1;
          const before = errors.filter((e) => e.code === 'unknown_event').length;
          client.socket.emit(event, ...args);
          const deadline = Date.now() + 3000;
          while (errors.filter((e) => e.code === 'unknown_event').length === before && Date.now() < deadline) await sleep(2);
          if (errors.filter((e) => e.code === 'unknown_event').length === before) problems.push(`no unknown_event error for ${label()}`);
        } else {
          const seen = args.length === 0 ? undefined : serverView(args[0]);
          const valid = ClientEvents[event as keyof typeof ClientEvents].safeParse(seen).success;
          if (valid) stats.valid += 1;
          else stats.invalid += 1;
          const reply = await new Promise<any>((resolve) => client.socket.timeout(3000).emit(event, ...args, (err: unknown, response: unknown) => resolve(err ? { timeout: true } : response)));
          if (reply?.timeout) problems.push(`no ack for ${label()}`);
          else stats.acked += 1;
          if (!valid && !(reply?.ok === false && reply.error?.code === 'invalid_payload')) problems.push(`invalid payload not refused: ${label()} → ${JSON.stringify(reply)}`);
          if (valid && typeof reply?.ok !== 'boolean') problems.push(`valid payload without a verdict: ${label()} → ${JSON.stringify(reply)}`);
        }
        await sleep(PACE_MS);
      }
    });
    await Promise.all(lanes);
    honest = false;
    await speaking;
    await sleep(100);

    const invalidErrors = fuzzers.reduce((n, f) => n + f.errors.filter((e) => e.code === 'invalid_payload').length, 0);
    const unknownErrors = fuzzers.reduce((n, f) => n + f.errors.filter((e) => e.code === 'unknown_event').length, 0);
    const elapsed = Date.now() - started;
    console.info(`fuzz: ${JSON.stringify({ ...stats, invalidErrors, unknownErrors, pings, elapsedMs: elapsed })}`);

    expect(problems.slice(0, 10)).toEqual([]);
    expect(stats.sent).toBeGreaterThanOrEqual(PAYLOADS * 0.99);
    // Every refused payload got its own error event: no more, no fewer.
    expect(invalidErrors).toBe(stats.invalid);
    expect(unknownErrors).toBe(stats.unknownEvents);
    expect(fuzzers.filter((f) => f.errors.some((e) => e.code === 'rate_limited'))).toEqual([]);
    for (const { client } of fuzzers) expect(client.socket.connected).toBe(true);
    expect(good.socket.connected).toBe(true);
    expect(good.events('error')).toEqual([]);
    expect(pings).toBeGreaterThan(5);

    // And a newcomer can still join and be heard.
    const late = await new TestClient(server.url, 'latecomer').connected();
    clients.push(late);
    await late.enterWorld('Latecomer');
    const heard = late.next('event', (e) => e.text === 'You say, "still standing"');
    late.socket.emit('command', { text: 'still standing' });
    await heard;
    expect(elapsed).toBeLessThan(30_000);
  });
});
