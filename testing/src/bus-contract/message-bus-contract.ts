import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ENVELOPE_VERSION, type BusMessageType, type BusPayload } from '@aether/shared/protocol';
import { waitFor } from '../wait-for.js';
import { BusClosedError, InvalidMessageError, type BusEnvelope, type BusHandler, type MessageBus } from '@aether/shared/bus';

export interface BusHooks {
  onInvalid?: (error: InvalidMessageError, channel: string) => void;
  onHandlerError?: (error: unknown, channel: string) => void;
}

/** Several buses on one shared medium (one broker, one Redis), as several processes would be. */
export interface MessageBusTestBed {
  make(source: string, hooks?: BusHooks): Promise<MessageBus>;
  /** Puts text on a channel as some foreign or broken process would, past every codec. */
  publishRaw(channel: string, text: string): Promise<void>;
  cleanup(): Promise<void>;
}

export type MessageBusTestBedFactory = () => Promise<MessageBusTestBed>;

/** Records what a channel delivered, with a promise-free way to wait for it. */
class Inbox {
  readonly received: BusEnvelope[] = [];
  readonly handler: BusHandler = (envelope) => {
    this.received.push(envelope);
  };

  payloads(): unknown[] {
    return this.received.map((envelope) => envelope.payload);
  }

  until(count: number, what = `${count} message(s)`): Promise<boolean> {
    return waitFor(() => this.received.length >= count, { message: what });
  }
}

const join = (characterId: string): BusPayload<'player.join'> => ({ characterId, gatewayId: 'gw-1', sessionId: 'session-1' });

const roundTripCases: Array<{ name: string; type: BusMessageType; payload: unknown }> = [
  { name: 'player.join', type: 'player.join', payload: { characterId: 'c-1', gatewayId: 'gw-1', sessionId: 'session-1' } },
  { name: 'player.leave', type: 'player.leave', payload: { characterId: 'c-1', sessionId: 'session-1' } },
  { name: 'player.kick', type: 'player.kick', payload: { characterId: 'c-1', code: 'banned', message: 'Banned until tomorrow.' } },
  { name: 'move by heading', type: 'player.move', payload: { characterId: 'c', move: { heading: 359.75, speed: 4.5 } } },
  { name: 'move to target', type: 'player.move', payload: { characterId: 'c', move: { target: { x: -12.125, y: 1e-7 } } } },
  { name: 'move stop', type: 'player.move', payload: { characterId: 'c', move: { stop: true } } },
  {
    name: 'command text with quotes, escapes, newlines, emoji and non-BMP text',
    type: 'player.command',
    payload: { characterId: 'c', text: '/say "hi"\\n\n\t<b>é ünï 🐉 𝔘 \u2028 end' },
  },
  { name: 'empty command text', type: 'player.command', payload: { characterId: '', text: '' } },
  {
    name: 'client.batch with nested events',
    type: 'client.batch',
    payload: {
      messages: [
        {
          characterId: 'c-1',
          event: 'event',
          data: { type: 'speech', text: 'Hello', channel: 'say', from: { id: 'c:1', name: 'Ann' }, ts: 1_700_000_000_123 },
        },
        {
          characterId: 'c-2',
          event: 'state_update',
          data: {
            character: { hp: 0.1 + 0.2, x: Number.MAX_SAFE_INTEGER },
            combat: {
              inCombat: true,
              target: null,
              atb: 12.5,
              atbRate: 20,
              autoAttack: { active: false, ready: true, remaining: 0 },
              effects: [{ kind: 'slow', remaining: 1.5 }],
            },
          },
        },
        { characterId: 'c-3', event: 'error', data: { code: 'invalid_payload', message: 'no' } },
        { characterId: 'c-4', event: 'proximity_roster_delta', data: { added: [], removed: ['w:1'], changed: [] } },
      ],
    },
  },
  { name: 'empty client.batch', type: 'client.batch', payload: { messages: [] } },
];

const invalidPublishCases: Array<{ name: string; type: string; payload: unknown }> = [
  { name: 'a missing field', type: 'player.join', payload: { characterId: 'c' } },
  { name: 'a wrongly typed field', type: 'player.leave', payload: { characterId: 42 } },
  { name: 'a bad nested union', type: 'player.move', payload: { characterId: 'c', move: { heading: 10 } } },
  { name: 'an out-of-range number', type: 'player.move', payload: { characterId: 'c', move: { heading: 400, speed: 1 } } },
  { name: 'a non-object payload', type: 'player.leave', payload: 'c-1' },
  { name: 'undefined', type: 'player.leave', payload: undefined },
  { name: 'an unknown type', type: 'player.levitate', payload: { characterId: 'c' } },
  { name: 'a type named like an Object.prototype member', type: 'toString', payload: {} },
  { name: 'a type named __proto__', type: '__proto__', payload: {} },
  {
    name: 'a value JSON cannot carry (BigInt in a free-form slot)',
    type: 'client.batch',
    payload: { messages: [{ characterId: 'c', event: 'state_update', data: { combat: { gauge: 10n } } }] },
  },
];

const KNOWN_TYPES = new Set<string>(['player.join', 'player.leave', 'player.move', 'player.command', 'client.batch']);

const malformedRawCases: Array<{ name: string; text: string }> = [
  { name: 'not JSON', text: 'hello {' },
  { name: 'an empty string', text: '' },
  { name: 'JSON null', text: 'null' },
  { name: 'a JSON array', text: '[1,2,3]' },
  { name: 'an envelope missing seq', text: JSON.stringify({ v: 1, type: 'player.leave', source: 'x', ts: 1, payload: { characterId: 'c' } }) },
  { name: 'a future envelope version', text: JSON.stringify({ v: 2, type: 'player.leave', source: 'x', seq: 0, ts: 1, payload: { characterId: 'c' } }) },
  { name: 'a negative seq', text: JSON.stringify({ v: 1, type: 'player.leave', source: 'x', seq: -1, ts: 1, payload: { characterId: 'c' } }) },
  { name: 'an unknown type', text: JSON.stringify({ v: 1, type: 'player.levitate', source: 'x', seq: 0, ts: 1, payload: {} }) },
  { name: 'a __proto__ type', text: JSON.stringify({ v: 1, type: '__proto__', source: 'x', seq: 0, ts: 1, payload: {} }) },
  { name: 'a payload that breaks its schema', text: JSON.stringify({ v: 1, type: 'player.join', source: 'x', seq: 0, ts: 1, payload: { characterId: 7 } }) },
];

/**
 * The behaviour every MessageBus must show. The in-memory bus and the Redis
 * bus both run this, so embedded mode cannot quietly differ from production.
 * Each test works in its own namespace of channels and keys, so the suite can
 * share a Redis with other test files.
 */
export function runMessageBusContract(
  name: string,
  factory: MessageBusTestBedFactory,
  /**
   * `by-reference`: the bus hands envelopes over in-process without encoding
   * or validating them (InMemoryBus's production mode); it still refuses
   * unknown message types and numbers messages the same way.
   */
  { delivery = 'checked' }: { delivery?: 'checked' | 'by-reference' } = {},
): void {
  const refused = delivery === 'checked' ? invalidPublishCases : invalidPublishCases.filter(({ type }) => !KNOWN_TYPES.has(type));
  describe(`MessageBus contract: ${name}`, () => {
    let bed: MessageBusTestBed;
    let buses: MessageBus[];
    let ns: string;
    const make = async (source: string, hooks?: BusHooks) => {
      const bus = await bed.make(source, hooks);
      buses.push(bus);
      return bus;
    };
    const ch = (suffix: string) => `${ns}:${suffix}`;

    beforeEach(async () => {
      bed = await factory();
      buses = [];
      ns = `contract-${randomUUID().slice(0, 8)}`;
    });

    afterEach(async () => {
      await Promise.allSettled(buses.map((bus) => bus.close()));
      await bed.cleanup();
    });

    describe('publish and subscribe', () => {
      it('reaches every handler on the channel, on every bus, and nothing on other channels', async () => {
        const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((source) => make(source)));
        const b1 = new Inbox();
        const b2 = new Inbox();
        const c1 = new Inbox();
        const cOther = new Inbox();
        const dOther = new Inbox();
        await b!.subscribe(ch('zone:1:input'), b1.handler);
        await b!.subscribe(ch('zone:1:input'), b2.handler);
        await c!.subscribe(ch('zone:1:input'), c1.handler);
        await c!.subscribe(ch('zone:2:input'), cOther.handler);
        await d!.subscribe(ch('zone:2:input'), dOther.handler);

        await a!.publish(ch('zone:1:input'), 'player.join', join('c-1'));
        await Promise.all([b1.until(1), b2.until(1), c1.until(1)]);
        // Same publisher, later message, other channel: once it has arrived, a stray copy of the first would have too.
        await a!.publish(ch('zone:2:input'), 'player.join', join('sentinel'));
        await Promise.all([cOther.until(1), dOther.until(1)]);

        for (const inbox of [b1, b2, c1]) expect(inbox.payloads()).toEqual([join('c-1')]);
        for (const inbox of [cOther, dOther]) expect(inbox.payloads()).toEqual([join('sentinel')]);
      });

      it.each([
        { subscribed: 'zone:a', published: 'zone:a:input', why: 'a longer name that starts with the subscribed one' },
        { subscribed: 'zone:a:input', published: 'zone:a', why: 'a prefix of the subscribed name' },
        { subscribed: 'zone:*', published: 'zone:x', why: 'a name a glob would match' },
        { subscribed: 'zone:?', published: 'zone:x', why: 'a name a ? glob would match' },
        { subscribed: 'zone:[ab]', published: 'zone:a', why: 'a name a [] glob would match' },
        { subscribed: 'Zone:A', published: 'zone:a', why: 'the same name in another case' },
      ])('matches channel names exactly: $subscribed does not hear $why', async ({ subscribed, published }) => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const inbox = new Inbox();
        const sentinel = new Inbox();
        await b.subscribe(ch(subscribed), inbox.handler);
        await b.subscribe(ch('sentinel'), sentinel.handler);
        await a.publish(ch(published), 'player.leave', { characterId: 'stray', sessionId: 'session-1' });
        await a.publish(ch(subscribed), 'player.leave', { characterId: 'meant', sessionId: 'session-1' });
        await a.publish(ch('sentinel'), 'player.leave', { characterId: 'sentinel', sessionId: 'session-1' });
        await sentinel.until(1);
        expect(inbox.payloads()).toEqual([{ characterId: 'meant', sessionId: 'session-1' }]);
      });

      it.each(roundTripCases)('round-trips a payload exactly: $name', async ({ type, payload }) => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const inbox = new Inbox();
        await b.subscribe(ch('rt'), inbox.handler);
        await a.publish(ch('rt'), type, payload as BusPayload<typeof type>);
        await inbox.until(1);
        expect(inbox.received[0]!.type).toBe(type);
        expect(inbox.received[0]!.payload).toStrictEqual(payload);
      });

      it("carries players' frames as bytes, exactly, beside the batch's other messages", async () => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const inbox = new Inbox();
        await b.subscribe(ch('frames'), inbox.handler);
        const frames = [
          { characterId: 'c-1', frame: new Uint8Array([0xae, 2, 0, 1, 2, 3, 0, 255, 0x7b, 0x22]) },
          { characterId: 'c-2', frame: Buffer.from([0x00, 0x01, 0x7d]) },
          { characterId: 'c-3', frame: new Uint8Array(0) },
        ];
        const messages = [{ characterId: 'c-1', event: 'error' as const, data: { code: 'internal' as const, message: '{"$b":[0,1]}' } }];
        await a.publish(ch('frames'), 'client.batch', { messages, frames });
        await inbox.until(1);
        const payload = inbox.received[0]!.payload as BusPayload<'client.batch'>;
        expect(payload.messages).toStrictEqual(messages);
        expect(payload.frames!.map(({ characterId, frame }) => ({ characterId, bytes: Array.from(frame) }))).toEqual(
          frames.map(({ characterId, frame }) => ({ characterId, bytes: Array.from(frame) })),
        );
        for (const { frame } of payload.frames!) expect(frame).toBeInstanceOf(Uint8Array);
      });

      it('wraps every payload in an envelope with v, type, source, ts and a seq per channel per publisher', async () => {
        const [a, b, listener] = await Promise.all([make('gateway-7'), make('zone-3'), make('listener')]);
        const one = new Inbox();
        const two = new Inbox();
        await listener.subscribe(ch('one'), one.handler);
        await listener.subscribe(ch('two'), two.handler);

        const before = Date.now();
        for (let i = 0; i < 3; i += 1) await a.publish(ch('one'), 'player.leave', { characterId: `a${i}`, sessionId: 'session-1' });
        await a.publish(ch('two'), 'player.leave', { characterId: 'a-two', sessionId: 'session-1' });
        await b.publish(ch('one'), 'player.leave', { characterId: 'b0', sessionId: 'session-1' });
        await one.until(4);
        await two.until(1);
        const after = Date.now();

        const seen = [...one.received, ...two.received].map(({ v, type, source, seq, payload }) => ({
          v,
          type,
          source,
          seq,
          id: (payload as { characterId: string }).characterId,
        }));
        expect(seen).toEqual(
          expect.arrayContaining([
            { v: ENVELOPE_VERSION, type: 'player.leave', source: 'gateway-7', seq: 0, id: 'a0' },
            { v: ENVELOPE_VERSION, type: 'player.leave', source: 'gateway-7', seq: 1, id: 'a1' },
            { v: ENVELOPE_VERSION, type: 'player.leave', source: 'gateway-7', seq: 2, id: 'a2' },
            { v: ENVELOPE_VERSION, type: 'player.leave', source: 'gateway-7', seq: 0, id: 'a-two' },
            { v: ENVELOPE_VERSION, type: 'player.leave', source: 'zone-3', seq: 0, id: 'b0' },
          ]),
        );
        expect(seen).toHaveLength(5);
        // One publisher on one channel arrives in order.
        expect(one.received.filter((e) => e.source === 'gateway-7').map((e) => e.seq)).toEqual([0, 1, 2]);
        for (const envelope of [...one.received, ...two.received]) {
          expect(envelope.ts).toBeGreaterThanOrEqual(before);
          expect(envelope.ts).toBeLessThanOrEqual(after);
        }
      });

      it('delivers a publisher its own message when it is subscribed', async () => {
        const a = await make('a');
        const inbox = new Inbox();
        await a.subscribe(ch('self'), inbox.handler);
        await a.publish(ch('self'), 'player.leave', { characterId: 'me', sessionId: 'session-1' });
        await inbox.until(1);
        expect(inbox.received[0]).toMatchObject({ source: 'a', seq: 0, payload: { characterId: 'me', sessionId: 'session-1' } });
      });

      it('delivers a handler subscribed twice twice, and unsubscribing one leaves the other', async () => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const inbox = new Inbox();
        const sentinel = new Inbox();
        const first = await b.subscribe(ch('twice'), inbox.handler);
        await b.subscribe(ch('twice'), inbox.handler);
        await b.subscribe(ch('sentinel'), sentinel.handler);
        await a.publish(ch('twice'), 'player.leave', { characterId: '1', sessionId: 'session-1' });
        await inbox.until(2);
        await first.unsubscribe();
        await a.publish(ch('twice'), 'player.leave', { characterId: '2', sessionId: 'session-1' });
        await a.publish(ch('sentinel'), 'player.leave', { characterId: 's', sessionId: 'session-1' });
        await sentinel.until(1);
        expect(inbox.payloads()).toEqual([
          { characterId: '1', sessionId: 'session-1' },
          { characterId: '1', sessionId: 'session-1' },
          { characterId: '2', sessionId: 'session-1' },
        ]);
      });
    });

    describe('invalid messages', () => {
      it.each(refused)('rejects publishing $name with InvalidMessageError and sends nothing', async ({ type, payload }) => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const inbox = new Inbox();
        await b.subscribe(ch('bad'), inbox.handler);
        await expect(a.publish(ch('bad'), type as BusMessageType, payload as never)).rejects.toBeInstanceOf(InvalidMessageError);
        await a.publish(ch('bad'), 'player.leave', { characterId: 'good', sessionId: 'session-1' });
        await inbox.until(1);
        expect(inbox.payloads()).toEqual([{ characterId: 'good', sessionId: 'session-1' }]);
        // A refused message must not use up a sequence number, or receivers would see a false gap.
        expect(inbox.received[0]!.seq).toBe(0);
      });

      it.each(malformedRawCases)('drops $name arriving on a channel, reports it, and keeps delivering', async ({ text }) => {
        const a = await make('a');
        const invalid: Array<{ error: unknown; channel: string }> = [];
        const b = await make('b', { onInvalid: (error, channel) => invalid.push({ error, channel }) });
        const inbox = new Inbox();
        await b.subscribe(ch('raw'), inbox.handler);
        await bed.publishRaw(ch('raw'), text);
        await waitFor(() => invalid.length === 1, { message: 'onInvalid' });
        await a.publish(ch('raw'), 'player.leave', { characterId: 'after', sessionId: 'session-1' });
        await inbox.until(1);
        expect(inbox.payloads()).toEqual([{ characterId: 'after', sessionId: 'session-1' }]);
        expect(invalid).toHaveLength(1);
        expect(invalid[0]!.error).toBeInstanceOf(InvalidMessageError);
        expect(invalid[0]!.channel).toBe(ch('raw'));
      });

      it('accepts a well-formed raw envelope from a foreign publisher', async () => {
        const b = await make('b');
        const inbox = new Inbox();
        await b.subscribe(ch('raw'), inbox.handler);
        const envelope = {
          v: ENVELOPE_VERSION,
          type: 'player.leave',
          source: 'elsewhere',
          seq: 41,
          ts: 5,
          payload: { characterId: 'c', sessionId: 'session-1' },
        };
        await bed.publishRaw(ch('raw'), JSON.stringify(envelope));
        await inbox.until(1);
        expect(inbox.received[0]).toStrictEqual(envelope);
      });
    });

    describe('handler failures', () => {
      it.each([
        {
          name: 'throws',
          failing: (): void => {
            throw new Error('boom');
          },
        },
        { name: 'returns a rejected promise', failing: async (): Promise<void> => Promise.reject(new Error('boom')) },
      ])('a handler that $name is reported and does not stop the others', async ({ failing }) => {
        const a = await make('a');
        const failures: Array<{ error: unknown; channel: string }> = [];
        const b = await make('b', { onHandlerError: (error, channel) => failures.push({ error, channel }) });
        const before = new Inbox();
        const after = new Inbox();
        await b.subscribe(ch('h'), before.handler);
        await b.subscribe(ch('h'), failing as BusHandler);
        await b.subscribe(ch('h'), after.handler);
        await a.publish(ch('h'), 'player.leave', { characterId: '1', sessionId: 'session-1' });
        await a.publish(ch('h'), 'player.leave', { characterId: '2', sessionId: 'session-1' });
        await Promise.all([before.until(2), after.until(2)]);
        await waitFor(() => failures.length === 2, { message: 'two handler failures' });
        expect(after.payloads()).toEqual([
          { characterId: '1', sessionId: 'session-1' },
          { characterId: '2', sessionId: 'session-1' },
        ]);
        expect(failures.map(({ error, channel }) => [(error as Error).message, channel])).toEqual([
          ['boom', ch('h')],
          ['boom', ch('h')],
        ]);
      });
    });

    describe('unsubscribe', () => {
      it('stops delivery to that handler only, and to nobody once the last one has gone', async () => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const kept = new Inbox();
        const dropped = new Inbox();
        const sentinel = new Inbox();
        const keptSub = await b.subscribe(ch('u'), kept.handler);
        const droppedSub = await b.subscribe(ch('u'), dropped.handler);
        await b.subscribe(ch('sentinel'), sentinel.handler);

        await droppedSub.unsubscribe();
        await a.publish(ch('u'), 'player.leave', { characterId: '1', sessionId: 'session-1' });
        await kept.until(1);
        await keptSub.unsubscribe();
        await a.publish(ch('u'), 'player.leave', { characterId: '2', sessionId: 'session-1' });
        await a.publish(ch('sentinel'), 'player.leave', { characterId: 's', sessionId: 'session-1' });
        await sentinel.until(1);

        expect(kept.payloads()).toEqual([{ characterId: '1', sessionId: 'session-1' }]);
        expect(dropped.payloads()).toEqual([]);
      });

      it('is harmless to repeat, and the channel can be subscribed again', async () => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const inbox = new Inbox();
        const sub = await b.subscribe(ch('again'), inbox.handler);
        await sub.unsubscribe();
        await sub.unsubscribe();
        await b.subscribe(ch('again'), inbox.handler);
        await a.publish(ch('again'), 'player.leave', { characterId: 'back', sessionId: 'session-1' });
        await inbox.until(1);
        expect(inbox.payloads()).toEqual([{ characterId: 'back', sessionId: 'session-1' }]);
      });
    });

    describe('close', () => {
      it('stops delivery', async () => {
        const [a, b, witness] = await Promise.all([make('a'), make('b'), make('witness')]);
        const closedInbox = new Inbox();
        const witnessInbox = new Inbox();
        await b.subscribe(ch('c'), closedInbox.handler);
        await witness.subscribe(ch('c'), witnessInbox.handler);
        await b.close();
        await a.publish(ch('c'), 'player.leave', { characterId: 'x', sessionId: 'session-1' });
        await witnessInbox.until(1);
        // Another connection may lag the witness a little; give a stray delivery time to show.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(closedInbox.received).toEqual([]);
      });

      it.each([
        { op: 'publish', call: (bus: MessageBus) => bus.publish('x', 'player.leave', { characterId: 'c', sessionId: 'session-1' }) },
        { op: 'subscribe', call: (bus: MessageBus) => bus.subscribe('x', () => undefined) },
        { op: 'get', call: (bus: MessageBus) => bus.get('x') },
        { op: 'set', call: (bus: MessageBus) => bus.set('x', 'y') },
        { op: 'del', call: (bus: MessageBus) => bus.del('x') },
        { op: 'take', call: (bus: MessageBus) => bus.take('x') },
        { op: 'keys', call: (bus: MessageBus) => bus.keys('x') },
        { op: 'hashSet', call: (bus: MessageBus) => bus.hashSet('x', 'f', 'v') },
        { op: 'hashGetAll', call: (bus: MessageBus) => bus.hashGetAll('x') },
        { op: 'hashDelete', call: (bus: MessageBus) => bus.hashDelete('x', 'f') },
        { op: 'hashDeleteIfEqual', call: (bus: MessageBus) => bus.hashDeleteIfEqual('x', 'f', 'v') },
      ])('makes $op reject with BusClosedError afterwards', async ({ call }) => {
        const bus = await make('a');
        await bus.close();
        await expect(call(bus)).rejects.toBeInstanceOf(BusClosedError);
      });

      it('is harmless to repeat, and old subscriptions unsubscribe quietly', async () => {
        const bus = await make('a');
        const sub = await bus.subscribe(ch('c'), () => undefined);
        await bus.close();
        await expect(bus.close()).resolves.toBeUndefined();
        await expect(sub.unsubscribe()).resolves.toBeUndefined();
      });
    });

    describe('keys and values', () => {
      it('sets, gets, overwrites and deletes', async () => {
        const bus = await make('a');
        const key = ch('kv');
        expect(await bus.get(key)).toBeNull();
        expect(await bus.set(key, '{"serverId":"z-1","epoch":3}')).toBe(true);
        expect(await bus.get(key)).toBe('{"serverId":"z-1","epoch":3}');
        expect(await bus.set(key, 'ünï 🐉')).toBe(true);
        expect(await bus.get(key)).toBe('ünï 🐉');
        await bus.del(key);
        expect(await bus.get(key)).toBeNull();
        await expect(bus.del(key)).resolves.toBeUndefined();
      });

      it('keeps an empty string apart from a missing key', async () => {
        const bus = await make('a');
        await bus.set(ch('empty'), '');
        expect(await bus.get(ch('empty'))).toBe('');
      });

      it('shares keys between buses', async () => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        await a.set(ch('shared'), 'from-a');
        expect(await b.get(ch('shared'))).toBe('from-a');
      });

      it.each([
        { over: 'a missing key', existing: null, answer: true, after: 'new' },
        { over: 'a value', existing: 'old', answer: false, after: 'old' },
        { over: 'an empty string', existing: '', answer: false, after: '' },
      ])('set onlyIfAbsent over $over answers $answer', async ({ existing, answer, after }) => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const key = ch('nx');
        if (existing !== null) await a.set(key, existing);
        expect(await b.set(key, 'new', { onlyIfAbsent: true })).toBe(answer);
        expect(await a.get(key)).toBe(after);
      });

      it('take answers the value and deletes the key; a missing key answers null', async () => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const key = ch('take');
        expect(await a.take(key)).toBeNull();
        await a.set(key, 'once', { ttlMs: 5_000 });
        expect(await b.take(key)).toBe('once');
        expect(await a.get(key)).toBeNull();
        expect(await a.take(key)).toBeNull();
        await a.set(key, '');
        expect(await b.take(key)).toBe('');
        expect(await b.take(key)).toBeNull();
      });

      it('take: of many concurrent takers of one key, exactly one gets the value', async () => {
        const takers = await Promise.all(['a', 'b', 'c', 'd'].map((source) => make(source)));
        for (let round = 0; round < 5; round += 1) {
          const key = ch(`race-${round}`);
          await takers[0]!.set(key, `token-${round}`);
          const answers = await Promise.all(takers.flatMap((bus) => [bus.take(key), bus.take(key)]));
          expect(answers.filter((answer) => answer !== null)).toEqual([`token-${round}`]);
        }
      });

      it('take does not answer an expired key', async () => {
        const bus = await make('a');
        const key = ch('take-ttl');
        await bus.set(key, 'short', { ttlMs: 100 });
        await waitFor(async () => (await bus.get(key)) === null, { timeoutMs: 3000, message: 'the key to expire' });
        expect(await bus.take(key)).toBeNull();
      });

      it('incr counts from 0, by any step, and every caller gets a distinct value', async () => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const key = ch('counter');
        expect(await a.incr(key)).toBe(1);
        expect(await b.incr(key, 10)).toBe(11);
        const values = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).incr(key)));
        expect(new Set(values).size).toBe(20);
        expect(Math.max(...values)).toBe(31);
      });

      it.each([
        { name: 'the expected value', existing: 'mine', expected: 'mine', answer: true, after: 'renewed' },
        { name: 'another value', existing: 'theirs', expected: 'mine', answer: false, after: 'theirs' },
        { name: 'a missing key', existing: null, expected: 'mine', answer: false, after: null },
      ])('setIfEqual over $name answers $answer', async ({ existing, expected, answer, after }) => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const key = ch('cas');
        if (existing !== null) await a.set(key, existing);
        expect(await b.setIfEqual(key, expected, 'renewed', 5_000)).toBe(answer);
        expect(await a.get(key)).toBe(after);
      });

      it('setIfEqual with ttlMs renews the expiry (a lease kept alive by its holder)', async () => {
        const bus = await make('a');
        const key = ch('renew');
        await bus.set(key, 'mine', { ttlMs: 150 });
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await bus.setIfEqual(key, 'mine', 'mine', 300)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await bus.get(key)).toBe('mine');
        await waitFor(async () => (await bus.get(key)) === null, { message: 'the renewed key to expire', timeoutMs: 2_000 });
      });

      it.each([
        { name: 'the expected value', existing: 'mine', answer: true, after: null },
        { name: 'another value', existing: 'theirs', answer: false, after: 'theirs' },
        { name: 'a missing key', existing: null, answer: false, after: null },
      ])('deleteIfEqual over $name answers $answer', async ({ existing, answer, after }) => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        const key = ch('cad');
        if (existing !== null) await a.set(key, existing);
        expect(await b.deleteIfEqual(key, 'mine')).toBe(answer);
        expect(await a.get(key)).toBe(after);
      });

      it('lets exactly one of many concurrent onlyIfAbsent writers win', async () => {
        const contenders = await Promise.all(['a', 'b', 'c', 'd'].map((source) => make(source)));
        const answers = await Promise.all(contenders.map((bus) => bus.set(ch('lease'), bus.source, { onlyIfAbsent: true, ttlMs: 5_000 })));
        expect(answers.filter(Boolean)).toHaveLength(1);
        expect(await contenders[0]!.get(ch('lease'))).toBe(contenders[answers.indexOf(true)]!.source);
      });

      it('expires a key after ttlMs, and then onlyIfAbsent may take it again', async () => {
        const bus = await make('a');
        const key = ch('ttl');
        expect(await bus.set(key, 'lease-1', { ttlMs: 150, onlyIfAbsent: true })).toBe(true);
        expect(await bus.get(key)).toBe('lease-1');
        expect(await bus.set(key, 'lease-2', { ttlMs: 150, onlyIfAbsent: true })).toBe(false);
        await waitFor(async () => (await bus.get(key)) === null, { timeoutMs: 3000, message: 'the key to expire' });
        expect(await bus.keys(ch('ttl'))).toEqual([]);
        expect(await bus.set(key, 'lease-2', { ttlMs: 150, onlyIfAbsent: true })).toBe(true);
      });

      it('drops an earlier TTL when a key is set again without one', async () => {
        const bus = await make('a');
        const key = ch('ttl-cleared');
        await bus.set(key, 'short', { ttlMs: 100 });
        await bus.set(key, 'forever');
        await new Promise((resolve) => setTimeout(resolve, 250));
        expect(await bus.get(key)).toBe('forever');
      });

      it.each([0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses ttlMs %p with RangeError', async (ttlMs) => {
        const bus = await make('a');
        await expect(bus.set(ch('bad-ttl'), 'v', { ttlMs })).rejects.toBeInstanceOf(RangeError);
        expect(await bus.get(ch('bad-ttl'))).toBeNull();
      });
    });

    describe('hashes', () => {
      it('sets, overwrites, lists and deletes fields; a missing hash lists empty', async () => {
        const bus = await make('a');
        const key = ch('index');
        expect(await bus.hashGetAll(key)).toEqual(new Map());
        await bus.hashSet(key, 'zone-a', '1');
        await bus.hashSet(key, 'zone-b', 'ünï 🐉');
        await bus.hashSet(key, 'zone-a', '2');
        expect(await bus.hashGetAll(key)).toEqual(
          new Map([
            ['zone-a', '2'],
            ['zone-b', 'ünï 🐉'],
          ]),
        );
        await bus.hashDelete(key, 'zone-a');
        await expect(bus.hashDelete(key, 'never-there')).resolves.toBeUndefined();
        expect(await bus.hashGetAll(key)).toEqual(new Map([['zone-b', 'ünï 🐉']]));
      });

      it('shares hashes between buses, and the last field takes the key with it', async () => {
        const [a, b] = await Promise.all([make('a'), make('b')]);
        await a.hashSet(ch('shared-index'), 'f', 'v');
        expect(await b.hashGetAll(ch('shared-index'))).toEqual(new Map([['f', 'v']]));
        await b.hashDelete(ch('shared-index'), 'f');
        expect(await a.keys(ch('shared-index'))).toEqual([]);
      });

      it('del removes a whole hash, and keys(prefix) lists hash keys too', async () => {
        const bus = await make('a');
        await bus.hashSet(ch('h:1'), 'f', 'v');
        expect(await bus.keys(ch('h:'))).toEqual([ch('h:1')]);
        await bus.del(ch('h:1'));
        expect(await bus.hashGetAll(ch('h:1'))).toEqual(new Map());
      });

      it('hashDeleteIfEqual removes a field only while it holds the expected value', async () => {
        const bus = await make('a');
        const key = ch('cas-index');
        await bus.hashSet(key, 'server-1', 'token-2');
        expect(await bus.hashDeleteIfEqual(key, 'server-1', 'token-1')).toBe(false);
        expect(await bus.hashDeleteIfEqual(key, 'missing', 'token-2')).toBe(false);
        expect(await bus.hashDeleteIfEqual(ch('no-such-hash'), 'server-1', 'token-2')).toBe(false);
        expect(await bus.hashGetAll(key)).toEqual(new Map([['server-1', 'token-2']]));
        expect(await bus.hashDeleteIfEqual(key, 'server-1', 'token-2')).toBe(true);
        expect(await bus.hashGetAll(key)).toEqual(new Map());
      });

      it('hashDeleteIfEqual: of many concurrent removers of one field, exactly one succeeds', async () => {
        const buses = await Promise.all(['a', 'b', 'c', 'd'].map((source) => make(source)));
        await buses[0]!.hashSet(ch('race-index'), 'f', 'v');
        const results = await Promise.all(buses.map((bus) => bus.hashDeleteIfEqual(ch('race-index'), 'f', 'v')));
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('keys(prefix)', () => {
      const stored = [
        'zone:assignment:a',
        'zone:assignment:b',
        'zone:assignmentX',
        'zone:lease:a',
        'g*:1',
        'gx:1',
        'q?:1',
        'qq:1',
        'b[a]:1',
        'ba:1',
        'b[:1',
        'b]:1',
        'back\\slash:1',
        'backslash:1',
        'caret^:1',
        'Zone:assignment:a',
      ];
      it.each([
        { prefix: 'zone:assignment:', expected: ['zone:assignment:a', 'zone:assignment:b'] },
        { prefix: 'zone:assignment', expected: ['zone:assignment:a', 'zone:assignment:b', 'zone:assignmentX'] },
        { prefix: 'zone:', expected: ['zone:assignment:a', 'zone:assignment:b', 'zone:assignmentX', 'zone:lease:a'] },
        { prefix: 'g*', expected: ['g*:1'] },
        { prefix: 'q?', expected: ['q?:1'] },
        { prefix: 'b[a]', expected: ['b[a]:1'] },
        { prefix: 'b[', expected: ['b[:1', 'b[a]:1'] },
        { prefix: 'b]', expected: ['b]:1'] },
        { prefix: 'back\\', expected: ['back\\slash:1'] },
        { prefix: 'caret^', expected: ['caret^:1'] },
        { prefix: 'nothing:', expected: [] },
      ])('lists exactly the keys under "$prefix"', async ({ prefix, expected }) => {
        const bus = await make('a');
        await Promise.all(stored.map((key) => bus.set(ch(key), 'v')));
        // The prefix inside a longer key is not a match.
        await bus.set(`decoy:${ch('zone:assignment:a')}`, 'v');
        const found = await bus.keys(ch(prefix));
        expect([...found].sort()).toEqual(expected.map(ch).sort());
      });

      it('lists every key when there are many (several SCAN rounds)', async () => {
        const bus = await make('a');
        const many = Array.from({ length: 1200 }, (_, i) => ch(`many:${i}`));
        await Promise.all(many.map((key) => bus.set(key, 'v')));
        const found = await bus.keys(ch('many:'));
        expect(found).toHaveLength(many.length);
        expect(new Set(found)).toEqual(new Set(many));
      });
    });
  });
}
