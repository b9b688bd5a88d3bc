import fc from 'fast-check';
import { EnvelopeCodec, InvalidMessageError } from '../bus/codec.js';
import { CHARACTER_NAME_RULE, ClientEvents, COMMAND_MAX_LENGTH, type ClientEventName } from './client.js';
import { BusMessages } from './internal.js';

/**
 * Every client → server payload schema against thousands of hostile inputs:
 * any value at all (unicode, huge and NaN-ish numbers, wrong types, deep and
 * odd objects) is answered with a verdict, never an exception, and what passes
 * is exactly what the protocol promises. The same for the bus's own schemas
 * and envelope decoder, which see whatever arrives on a channel.
 */

const NUM_RUNS = 3000;
const events = Object.keys(ClientEvents) as ClientEventName[];

const weirdNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308),
  fc.integer(),
);
const anyValue = fc.oneof(
  fc.anything({
    maxDepth: 6,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withObjectString: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  }),
  weirdNumber,
  fc.string({ unit: 'binary' }),
  fc.constantFrom(undefined, null, () => 1, Symbol('s'), Object.create(null), [], {}, '', '__proto__'),
);
/** Each schema's own keys with wrong or odd values, and extra keys. */
const nearMiss = fc.record(
  {
    name: anyValue,
    archetype: anyValue,
    characterId: anyValue,
    text: fc.oneof(anyValue, fc.string({ maxLength: COMMAND_MAX_LENGTH + 50 })),
    heading: weirdNumber,
    speed: weirdNumber,
    target: fc.oneof(anyValue, fc.record({ x: weirdNumber, y: weirdNumber }, { requiredKeys: [] })),
    stop: anyValue,
    __proto__: anyValue,
    constructor: anyValue,
    extra: anyValue,
  },
  { requiredKeys: [] },
);
/** Nesting deeper than any real payload. */
const deep = fc.integer({ min: 50, max: 3000 }).map((depth) => {
  let value: unknown = { text: 'x' };
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { text: value };
  return value;
});

describe('client payload schemas under fuzzing', () => {
  it.each(events)('%s: any value gets a verdict, never an exception', (event) => {
    fc.assert(
      fc.property(fc.oneof(anyValue, nearMiss, deep), (payload) => {
        const verdict = ClientEvents[event].safeParse(payload);
        expect(typeof verdict.success).toBe('boolean');
        if (verdict.success) expect(() => JSON.stringify(verdict.data)).not.toThrow();
      }),
      { numRuns: NUM_RUNS, seed: 42 },
    );
  });

  it('valid payloads pass and keep their meaning', () => {
    const name = fc.stringMatching(CHARACTER_NAME_RULE);
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    const valid = fc.oneof(
      fc.record({ name, archetype: fc.constantFrom('warrior', 'ranger', 'mage') }, { requiredKeys: ['name'] }).map((p) => ['character_create', p] as const),
      fc.string({ minLength: 1, maxLength: 64 }).map((characterId) => ['character_select', { characterId }] as const),
      fc
        .string({ minLength: 1, maxLength: COMMAND_MAX_LENGTH })
        .filter((t) => t.trim().length > 0)
        .map((text) => ['command', { text }] as const),
      fc
        .record({ heading: fc.double({ min: 0, max: 360, noNaN: true }), speed: fc.double({ min: 0, max: 100, noNaN: true }) })
        .map((m) => ['move', m] as const),
      fc.record({ target: fc.record({ x: finite, y: finite }) }).map((m) => ['move', m] as const),
      fc.constant(['move', { stop: true }] as const),
      fc.constantFrom(undefined, null, {}).map((p) => ['character_list', p] as const),
    );
    fc.assert(
      fc.property(valid, ([event, payload]) => {
        const verdict = ClientEvents[event].safeParse(payload);
        expect(verdict.success).toBe(true);
      }),
      { numRuns: NUM_RUNS, seed: 43 },
    );
  });

  it.each([
    ['move', 'a NaN heading', { heading: NaN, speed: 1 }],
    ['move', 'an infinite speed', { heading: 90, speed: Infinity }],
    ['move', 'a heading past 360', { heading: 361, speed: 1 }],
    // biome-ignore lint/correctness/noPrecisionLoss: 1e309 overflows to Infinity on purpose, as a client's JSON number past the largest double would.
    ['move', 'a target beyond doubles', { target: { x: 1e309, y: 0 } }],
    ['move', 'stop: false', { stop: false }],
    ['move', 'two shapes at once', { heading: 90, speed: 1, stop: true }],
    ['command', 'blank text', { text: ' \n\t ' }],
    ['command', 'text one character too long', { text: 'x'.repeat(COMMAND_MAX_LENGTH + 1) }],
    ['command', 'text as an array', { text: ['/say'] }],
    ['character_create', 'a name outside A-Z, 0-9', { name: 'Ünïcode' }],
    ['character_create', 'an unknown archetype', { name: 'Valid', archetype: 'lich' }],
    ['character_select', 'an id of 65 characters', { characterId: 'x'.repeat(65) }],
    ['character_list', 'a non-empty object', { anything: 1 }],
  ] as const)('%s with %s is refused', (event, _what, payload) => {
    expect(ClientEvents[event].safeParse(payload).success).toBe(false);
  });
});

describe('bus schemas and envelope decoding under fuzzing', () => {
  it.each(Object.keys(BusMessages))('%s: any payload gets a verdict', (type) => {
    fc.assert(
      fc.property(fc.oneof(anyValue, nearMiss), (payload) => {
        expect(typeof BusMessages[type as keyof typeof BusMessages].safeParse(payload).success).toBe('boolean');
      }),
      { numRuns: 500, seed: 44 },
    );
  });

  it('decoding arbitrary text fails only with InvalidMessageError', () => {
    const envelopeLike = fc
      .record(
        {
          v: fc.oneof(fc.constant(1), anyValue),
          type: fc.oneof(fc.constantFrom(...Object.keys(BusMessages), 'toString', '__proto__'), anyValue),
          source: anyValue,
          seq: weirdNumber,
          ts: weirdNumber,
          payload: fc.oneof(anyValue, nearMiss),
        },
        { requiredKeys: [] },
      )
      .map((value) => {
        try {
          return JSON.stringify(value) ?? 'null';
        } catch {
          return '{}';
        }
      });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), envelopeLike), (text) => {
        try {
          EnvelopeCodec.decode(text);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidMessageError);
        }
      }),
      { numRuns: NUM_RUNS, seed: 45 },
    );
  });
});
