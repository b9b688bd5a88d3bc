import { ServerEvents } from '@aether/shared';
import fc from 'fast-check';
import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { emptyWorld, type World } from '../world/types.js';
import { defaultCommands, executeCommand } from './execute.js';

/**
 * Whatever a player types, the command pipeline answers with well-formed
 * server events and never throws: arbitrary text, unicode, control
 * characters, huge and odd numbers, and near-miss command lines.
 */
const registry = defaultCommands();
const names = registry.list().flatMap((d) => [d.name, ...d.aliases]);
const root = player('Root', 105, 100);
const world: World = {
  ...emptyWorld(testZone),
  entities: new Map([player('Alice', 100, 100), player('Bob', 110, 100), { ...root, player: { ...root.player!, admin: true as const } }].map((e) => [e.id, e])),
};
const context = { rules: DEFAULT_RULES, commands: registry, random: () => 0.5, now: () => 0 };

/** Strings of each unit (ASCII-ish graphemes, any grapheme, any code point) up to its length, in the order given. */
const strings = (lengths: Partial<Record<'grapheme-ascii' | 'grapheme' | 'binary', number>>) =>
  Object.entries(lengths).map(([unit, maxLength]) => fc.string({ unit: unit as keyof typeof lengths, maxLength }));
const oddNumber = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt().map(String),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x10', '1_000', '١٢٣', '+.5', '5.', '.', '-', '--1', '9'.repeat(400)),
);
const word = fc.oneof(
  ...strings({ 'grapheme-ascii': 20, grapheme: 10, binary: 10 }),
  fc.constantFrom(
    'invite',
    'accept',
    'decline',
    'leave',
    'kick',
    'disband',
    'Bob',
    'Alice',
    'me',
    'perm',
    '2h',
    '30m',
    'zone-city',
    '',
    ' ',
    ',',
    '\u0000',
    '\u202e',
    '🧙',
    '/',
  ),
  oddNumber,
);
const commandLine = fc
  .tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })), fc.array(word, { maxLength: 6 }), fc.constantFrom(' ', ',', '\t', '\n', '  '))
  .map(([name, args, separator]) => `/${name}${separator}${args.join(separator)}`);
const anyText = fc.oneof(commandLine, ...strings({ 'grapheme-ascii': 600, binary: 200, grapheme: 100 }));

describe('command pipeline fuzz', () => {
  it('answers any input with valid events addressed to players in the zone, and never throws', () => {
    let runs = 0;
    fc.assert(
      fc.property(anyText, fc.constantFrom('c:Alice', 'c:Bob', 'c:Root'), (text, actorId) => {
        runs += 1;
        const result = executeCommand(world, world.entities.get(actorId)!, text, context);
        expect(Array.isArray(result.outgoing)).toBe(true);
        for (const message of result.outgoing) {
          expect(world.entities.has(message.to)).toBe(true);
          const checked = ServerEvents[message.event].safeParse(message.data);
          if (!checked.success) throw new Error(`invalid ${message.event} for ${JSON.stringify(text)}: ${checked.error.message}`);
        }
        // A refusal goes to the one who typed, and changes nothing (a refused chat line is only counted).
        const refused = result.outgoing.filter((m) => m.event === 'error');
        if (refused.length > 0) {
          expect(result.outgoing).toEqual(refused);
          expect(refused.every((m) => m.to === actorId)).toBe(true);
          expect(result.world).toBeUndefined();
          expect((result.effects ?? []).every((effect) => effect.kind === 'chat.refused')).toBe(true);
        }
        // Nobody but an admin gets an admin action through.
        if (actorId !== 'c:Root') expect((result.effects ?? []).some((effect) => effect.kind === 'admin')).toBe(false);
        // Whatever reaches others is one line without control, bidi or invisible characters.
        for (const message of result.outgoing) {
          if (message.event === 'event' && message.to !== actorId)
            // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters that got through.
            expect(message.data.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b]/u);
        }
        // Something always comes back, unless the work is handed to the host (whispers, parties).
        expect(result.outgoing.length + (result.effects?.length ?? 0)).toBeGreaterThan(0);
      }),
      { numRuns: 5000, seed: 20261122 },
    );
    expect(runs).toBe(5000);
  });

  it('every command with arbitrary arguments parses or refuses, never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...registry.list()), fc.array(word, { maxLength: 5 }), (definition, args) => {
        const parsed = definition.parse(args.join(' '));
        if (!parsed.ok) expect(typeof parsed.message).toBe('string');
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
