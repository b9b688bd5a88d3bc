import { CharacterName, COMMAND_MAX_LENGTH, plainLine } from '@aether/shared';
import { z } from 'zod';
import { closest } from './suggest.js';

/**
 * What a slash command means once its arguments are parsed: one member of a
 * discriminated union per kind of action. Command definitions build the raw
 * shape from their declared syntax and these schemas validate and type it, so
 * no command picks its arguments apart by hand and every refusal reads the same.
 *
 * Schemas take the argument words as strings (input) and give typed values
 * (output), e.g. "12.5" → 12.5.
 */

/**
 * Words that reach other players: made one safe line first (no control,
 * bidi or invisible characters: shared/src/protocol/plain-text.ts), so every
 * chat command, NPC hearing and announcement sees only clean text.
 */
const Text = z
  .string({ error: (issue) => (issue.input === undefined ? 'a message is missing' : 'the message must be text') })
  .transform(plainLine)
  .pipe(z.string().min(1, 'a message is missing').max(COMMAND_MAX_LENGTH, `a message is at most ${COMMAND_MAX_LENGTH} characters`));

/** A character name as typed: the same rule as character creation, so a typo is refused before any lookup. */
const Name = z.string({ error: (issue) => (issue.input === undefined ? 'a character name is missing' : 'a name is text') }).pipe(CharacterName);

/** A decimal number as typed ("12", "-3.5"); hex, exponents and "Infinity" are not coordinates anyone means. */
const Metres = (axis: string) =>
  z
    .string({ error: () => `${axis} is missing` })
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, `${axis} must be a number of metres`)
    .transform(Number)
    .pipe(z.number().finite().min(-1e6, `${axis} is out of range`).max(1e6, `${axis} is out of range`));

/** An entity as a player names it: a name of one or more words ("Wolf", "wild boar") or an id from the roster ("w:17"). */
const EntityRef = z.string().min(1, 'name someone or something').max(64, 'a target is at most 64 characters');

/** Which of several with the same name, counting from 1 as the roster lists them ("/attack wild boar 2"). */
const Ordinal = z
  .string()
  .regex(/^\d{1,3}$/, 'which one is a whole number, e.g. 2 for the second')
  .transform(Number)
  .pipe(z.number().int().min(1, 'count from 1: 2 is the second one'));

const AbilityName = z
  .string({ error: (issue) => (issue.input === undefined ? 'which ability? (an ability name is missing)' : 'an ability name is text') })
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'an ability name is a word of letters, digits, - and _')
  .transform((name) => name.toLowerCase());

/** Refuses an unknown sub-command with the nearest valid one. */
const choiceError = (what: string) => (issue: { code?: string; input?: unknown; options?: readonly unknown[] }) => {
  if (issue.code !== 'invalid_union' || !issue.options) return undefined;
  const given = (issue.input as Record<string, unknown> | undefined)?.[what];
  const options = issue.options.map(String);
  const hint = typeof given === 'string' ? closest(given.toLowerCase(), options) : undefined;
  return `unknown ${what} "${String(given)}"${hint ? `; did you mean ${hint}?` : ''} (one of: ${options.join(', ')})`;
};

export const SayEvent = z.object({ type: z.literal('speech'), channel: z.literal('say'), text: Text });
export const ShoutEvent = z.object({ type: z.literal('speech'), channel: z.literal('shout'), text: Text });
export const WhisperEvent = z.object({ type: z.literal('speech'), channel: z.literal('whisper'), to: Name, text: Text });
export const SpeechEvent = z.discriminatedUnion('channel', [SayEvent, ShoutEvent, WhisperEvent]);

export const EmoteEvent = z.object({ type: z.literal('emote'), text: Text });

export const MovementStartEvent = z.object({ type: z.literal('movement_start'), target: z.object({ x: Metres('x'), y: Metres('y') }) });

export const MovementStopEvent = z.object({ type: z.literal('movement_stop') });

/**
 * Combat intents for the combat system (zone/src/combat). `target` is a name
 * (or roster id) and `ordinal` which of that name, by distance; `target` without a
 * target clears it; `attack` and `ability` without one use the current target;
 * `ability` without an ability lists yours; `disengage` stops auto-attacking.
 */
export const CombatActionEvent = z.discriminatedUnion(
  'action',
  [
    z.object({ type: z.literal('combat_action'), action: z.literal('target'), target: EntityRef.optional(), ordinal: Ordinal.optional() }),
    z.object({ type: z.literal('combat_action'), action: z.literal('attack'), target: EntityRef.optional(), ordinal: Ordinal.optional() }),
    z.object({
      type: z.literal('combat_action'),
      action: z.literal('ability'),
      ability: AbilityName.optional(),
      target: EntityRef.optional(),
      ordinal: Ordinal.optional(),
    }),
    z.object({ type: z.literal('combat_action'), action: z.literal('disengage') }),
  ],
  { error: choiceError('action') },
);

/** An item as a player names it: its name, a few words of it ("wolf pe") or its id ("wolf-pelt"). */
const ItemName = z
  .string({ error: (issue) => (issue.input === undefined ? 'which item? (an item name is missing)' : 'an item name is text') })
  .min(1, 'which item? (an item name is missing)')
  .max(64, 'an item name is at most 64 characters');

/** How many to drop: a whole number from 1. */
const DropQuantity = z
  .string()
  .regex(/^\d{1,5}$/, 'how many is a whole number, e.g. 3')
  .transform(Number)
  .pipe(z.number().int().min(1, 'drop at least 1'));

/**
 * Items (zone/src/items, docs/gameplay.md "Items"):
 * `inventory` lists belongings; `equip`, `use` and `drop` name a stack in the
 * bags; `unequip` names an equipment slot or a worn item; `loot` takes
 * everything waiting, or one item of it.
 */
export const ItemActionEvent = z.discriminatedUnion(
  'action',
  [
    z.object({ type: z.literal('item_action'), action: z.literal('inventory') }),
    z.object({ type: z.literal('item_action'), action: z.literal('equip'), item: ItemName }),
    z.object({ type: z.literal('item_action'), action: z.literal('unequip'), item: ItemName }),
    z.object({ type: z.literal('item_action'), action: z.literal('use'), item: ItemName }),
    z.object({ type: z.literal('item_action'), action: z.literal('drop'), item: ItemName, quantity: DropQuantity.optional() }),
    z.object({ type: z.literal('item_action'), action: z.literal('loot'), item: ItemName.optional() }),
  ],
  { error: choiceError('action') },
);

export const PartyActionEvent = z.discriminatedUnion(
  'action',
  [
    z.object({ type: z.literal('party_action'), action: z.literal('show') }),
    z.object({ type: z.literal('party_action'), action: z.literal('invite'), name: Name }),
    z.object({ type: z.literal('party_action'), action: z.literal('accept') }),
    z.object({ type: z.literal('party_action'), action: z.literal('decline') }),
    z.object({ type: z.literal('party_action'), action: z.literal('leave') }),
    z.object({ type: z.literal('party_action'), action: z.literal('kick'), name: Name }),
    z.object({ type: z.literal('party_action'), action: z.literal('disband') }),
  ],
  { error: choiceError('action') },
);

/** An item or quest as a player names it: one or more words, matched against what is on offer (name-match.ts). */
const ThingName = (what: string) =>
  z
    .string({ error: () => `which ${what}? (a name is missing)` })
    .min(1, `which ${what}? (a name is missing)`)
    .max(64, `a ${what} name is at most 64 characters`);

/** How many to buy or sell: 1 to 99, 1 when not given. */
const Quantity = z
  .string()
  .regex(/^\d{1,3}$/, 'how many is a whole number from 1 to 99')
  .transform(Number)
  .pipe(z.number().int().min(1, 'buy or sell at least 1').max(99, 'at most 99 at a time'))
  .optional()
  .transform((quantity) => quantity ?? 1);

/** Vendors (zone/src/trade): `wares` lists what the nearest one sells; `buy` and `sell` trade `quantity` of `item` for coins. */
export const TradeActionEvent = z.discriminatedUnion(
  'action',
  [
    z.object({ type: z.literal('trade'), action: z.literal('wares') }),
    z.object({ type: z.literal('trade'), action: z.literal('buy'), item: ThingName('item'), quantity: Quantity }),
    z.object({ type: z.literal('trade'), action: z.literal('sell'), item: ThingName('item'), quantity: Quantity }),
  ],
  { error: choiceError('action') },
);

/** Quests (zone/src/quests): `list` shows your log and what is offered near you; the rest name a quest. */
export const QuestActionEvent = z.discriminatedUnion(
  'action',
  [
    z.object({ type: z.literal('quest'), action: z.literal('list') }),
    z.object({ type: z.literal('quest'), action: z.literal('accept'), quest: ThingName('quest') }),
    z.object({ type: z.literal('quest'), action: z.literal('turnin'), quest: ThingName('quest') }),
    z.object({ type: z.literal('quest'), action: z.literal('abandon'), quest: ThingName('quest') }),
  ],
  { error: choiceError('action') },
);

/** `/duel` (zone/src/combat/pvp): show yours, challenge a player near you, answer a challenge. */
export const DuelEvent = z.discriminatedUnion(
  'action',
  [
    z.object({ type: z.literal('duel'), action: z.literal('show') }),
    z.object({ type: z.literal('duel'), action: z.literal('challenge'), name: Name }),
    z.object({ type: z.literal('duel'), action: z.literal('accept') }),
    z.object({ type: z.literal('duel'), action: z.literal('decline') }),
  ],
  { error: choiceError('action') },
);

/** A species id or name as an admin types it for /spawn ("wolf", "wild-boar"). */
const SpeciesName = z
  .string({ error: () => 'a species is missing' })
  .transform((text) => text.toLowerCase())
  .pipe(z.string().regex(/^[a-z][a-z0-9 _-]{0,47}$/, 'a species is its id or name: letters, digits, spaces, - and _'));

/** A creature level for /spawn. */
const Level = z
  .string({ error: () => 'a level is missing' })
  .regex(/^\d{1,3}$/, 'a level is a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'levels start at 1').max(60, 'at most level 60'));

/** Why an admin did something, shown to the player and kept in the audit log. */
const Reason = z
  .string()
  .transform(plainLine)
  .pipe(z.string().max(200, 'a reason is at most 200 characters'))
  .optional()
  .transform((reason) => (reason ? reason : undefined));

const Minutes = z
  .string({ error: () => 'minutes are missing' })
  .regex(/^\d{1,6}$/, 'minutes must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'mute for at least 1 minute').max(525_600, 'mute for at most a year (525600 minutes)'));

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const TEN_YEARS_MS = 3650 * 86_400_000;
/** "30m", "2h", "3d", "1w", or "perm": milliseconds, or null for a permanent ban. */
const BanDuration = z
  .string({ error: () => 'a duration is missing (e.g. 2h, 3d, perm)' })
  .transform((text) => text.toLowerCase())
  .pipe(z.string().regex(/^(\d{1,5}[mhdw]|perm|permanent)$/, 'a duration is a number with m, h, d or w (30m, 2h, 3d, 1w), or perm'))
  .transform((text) => (text.startsWith('perm') ? null : Number(text.slice(0, -1)) * UNIT_MS[text.at(-1) as keyof typeof UNIT_MS]))
  .pipe(z.number().int().min(60_000, 'ban for at least a minute').max(TEN_YEARS_MS, 'at most 3650d; use perm for longer').nullable());

/** Whom /teleport moves: yourself, or a character by name. */
const Who = z.discriminatedUnion('kind', [z.object({ kind: z.literal('me') }), z.object({ kind: z.literal('name'), name: Name })]);
const ZoneName = z
  .string({ error: () => 'a zone is missing' })
  .transform((text) => text.toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a zone id is lowercase letters, digits and dashes (zone-city, or just city)'));

/**
 * Administration (docs/gameplay.md, "Administration"): only accounts whose
 * role is admin in the database may run these; the zone host carries them out
 * (database, bus) and writes each to the audit log.
 */
export const AdminEvent = z.discriminatedUnion(
  'action',
  [
    z.object({ type: z.literal('admin'), action: z.literal('kick'), name: Name, reason: Reason }),
    z.object({ type: z.literal('admin'), action: z.literal('mute'), name: Name, minutes: Minutes, reason: Reason }),
    z.object({ type: z.literal('admin'), action: z.literal('unmute'), name: Name }),
    z.object({ type: z.literal('admin'), action: z.literal('ban'), name: Name, durationMs: BanDuration, reason: Reason }),
    z.object({ type: z.literal('admin'), action: z.literal('unban'), name: Name }),
    z.object({ type: z.literal('admin'), action: z.literal('announce'), text: Text }),
    z
      .object({
        type: z.literal('admin'),
        action: z.literal('teleport'),
        who: Who,
        zone: ZoneName,
        x: Metres('x').optional(),
        y: Metres('y').optional(),
      })
      .refine((event) => (event.x === undefined) === (event.y === undefined), 'give both x and y, or neither (the zone’s spawn point)'),
    // At the admin's own position (AdminEffect.at).
    z.object({ type: z.literal('admin'), action: z.literal('spawn'), species: SpeciesName, level: Level.optional() }),
  ],
  { error: choiceError('action') },
);

/** `/look` alone describes the surroundings; with a name, the one nearby it names (`ordinal`: which of that name, nearest first). */
export const LookQuery = z.object({ type: z.literal('query'), what: z.literal('look'), target: EntityRef.optional(), ordinal: Ordinal.optional() });
export const WhoQuery = z.object({ type: z.literal('query'), what: z.literal('who') });
export const HelpQuery = z.object({
  type: z.literal('query'),
  what: z.literal('help'),
  topic: z.string().max(32, 'a command name is at most 32 characters').optional(),
});
export const QueryEvent = z.discriminatedUnion('what', [LookQuery, WhoQuery, HelpQuery]);

export const CommandEvent = z.discriminatedUnion('type', [
  SpeechEvent,
  EmoteEvent,
  MovementStartEvent,
  MovementStopEvent,
  CombatActionEvent,
  ItemActionEvent,
  PartyActionEvent,
  DuelEvent,
  TradeActionEvent,
  QuestActionEvent,
  QueryEvent,
  AdminEvent,
]);
export type CommandEvent = z.output<typeof CommandEvent>;
export type CommandEventType = CommandEvent['type'];
/** The typed event of one kind, e.g. `CommandEventOf<'party_action'>`. */
export type CommandEventOf<T extends CommandEventType> = Extract<CommandEvent, { type: T }>;

export type SpeechChannel = CommandEventOf<'speech'>['channel'];
export type PartyAction = CommandEventOf<'party_action'>;
export type CombatAction = CommandEventOf<'combat_action'>;
export type AdminAction = CommandEventOf<'admin'>;
export type TradeAction = CommandEventOf<'trade'>;
export type QuestAction = CommandEventOf<'quest'>;
