import { z } from 'zod';
import { Bounds, EntityId, EntityKind, ErrorPayload, ZoneId } from './common.js';
import { Archetype } from './client.js';

/** Payloads the server sends to clients. */

export const CharacterSummary = z.object({
  id: z.string(),
  name: z.string(),
  archetype: Archetype,
  level: z.number().int(),
  zoneId: ZoneId,
});
export type CharacterSummary = z.infer<typeof CharacterSummary>;

export const Resources = z.object({
  hp: z.number(),
  maxHp: z.number(),
  stamina: z.number(),
  maxStamina: z.number(),
  mana: z.number(),
  maxMana: z.number(),
});
export type Resources = z.infer<typeof Resources>;

export const CharacterListAck = z.union([
  z.object({ ok: z.literal(true), characters: z.array(CharacterSummary) }),
  z.object({ ok: z.literal(false), error: ErrorPayload }),
]);
export type CharacterListAck = z.infer<typeof CharacterListAck>;

export const CharacterCreateAck = z.union([
  z.object({ ok: z.literal(true), character: CharacterSummary }),
  z.object({ ok: z.literal(false), error: ErrorPayload }),
]);
export type CharacterCreateAck = z.infer<typeof CharacterCreateAck>;

export const CharacterSelectAck = z.union([
  /** `resumeToken` lets the client re-enter on another gateway after losing this one (handshake `auth.resume`). */
  z.object({ ok: z.literal(true), resumeToken: z.string().optional() }),
  z.object({ ok: z.literal(false), error: ErrorPayload }),
]);
export type CharacterSelectAck = z.infer<typeof CharacterSelectAck>;

export const ZoneInfo = z.object({
  id: ZoneId,
  name: z.string(),
  bounds: Bounds,
  adjacent: z.array(ZoneId),
});
export type ZoneInfo = z.infer<typeof ZoneInfo>;

export const WorldEnter = z.object({
  character: CharacterSummary.extend({
    entityId: EntityId,
    x: z.number(),
    y: z.number(),
    z: z.number(),
    heading: z.number(),
    resources: Resources,
  }),
  zone: ZoneInfo,
});
export type WorldEnter = z.infer<typeof WorldEnter>;

/** One nearby entity as seen by the receiving player. */
export const RosterEntry = z.object({
  id: EntityId,
  kind: EntityKind,
  name: z.string(),
  x: z.number(),
  y: z.number(),
  z: z.number(),
  heading: z.number(),
  moving: z.boolean(),
  /** Compass degrees from the viewer to the entity (0 = north, clockwise). */
  bearing: z.number(),
  /** Degrees above (+) or below (−) the viewer's horizon. */
  elevation: z.number(),
  /** Straight-line distance in metres. */
  range: z.number(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export const ProximityRoster = z.object({ zoneId: ZoneId, entities: z.array(RosterEntry) });
export type ProximityRoster = z.infer<typeof ProximityRoster>;

export const ProximityRosterDelta = z.object({
  added: z.array(RosterEntry),
  removed: z.array(EntityId),
  changed: z.array(RosterEntry),
});
export type ProximityRosterDelta = z.infer<typeof ProximityRosterDelta>;

/** A party member as the others see them. Vitals are absent while the member is offline. */
export const AllyState = z.object({
  characterId: z.string(),
  name: z.string(),
  leader: z.boolean(),
  online: z.boolean(),
  zoneId: ZoneId.optional(),
  hp: z.number().optional(),
  maxHp: z.number().optional(),
  stamina: z.number().optional(),
  maxStamina: z.number().optional(),
  mana: z.number().optional(),
  maxMana: z.number().optional(),
  /** ATB gauge, 0 (empty) to 100 (full), as in `combat.atb`. */
  atb: z.number().min(0).max(100).optional(),
});
export type AllyState = z.infer<typeof AllyState>;

export const StatusEffectKind = z.enum(['haste', 'slow', 'stun']);
export type StatusEffectKind = z.infer<typeof StatusEffectKind>;

/**
 * A fighter's combat view. Counters (`remaining`, `respawnIn`) are as of
 * sending; clients count them down. `atb` is reported each time it crosses a
 * multiple of 10, and `atbRate` lets a client animate it in between.
 */
export const CombatState = z.object({
  inCombat: z.boolean(),
  /** `health` is the target's hp in percent. */
  target: z.object({ id: EntityId, name: z.string(), health: z.number().min(0).max(100) }).nullable(),
  atb: z.number().min(0).max(100),
  /** Gauge points per second now (speed, haste, slow; 0 while stunned). */
  atbRate: z.number().min(0),
  autoAttack: z.object({ active: z.boolean(), ready: z.boolean(), remaining: z.number().min(0) }),
  casting: z.object({ ability: z.string(), remaining: z.number().min(0), total: z.number().min(0) }).optional(),
  effects: z.array(z.object({ kind: StatusEffectKind, remaining: z.number().min(0) })),
  /** Abilities and items cooling down: `id` is the ability's id, or `item:<item id>` for a consumable. */
  cooldowns: z.array(z.object({ id: z.string(), name: z.string(), remaining: z.number().min(0), total: z.number().min(0) })).optional(),
  /** Present while dead: seconds until respawn (players). */
  dead: z.object({ respawnIn: z.number().min(0) }).optional(),
});
export type CombatState = z.infer<typeof CombatState>;

export const EquipSlot = z.enum(['weapon', 'head', 'body', 'hands', 'feet']);
export type EquipSlot = z.infer<typeof EquipSlot>;

/**
 * A stack of items. `detail` is a short line a client can show as is
 * ("Weapon · 2.4 s · 5–9 damage · +1 strength").
 */
export const ItemStack = z.object({
  itemId: z.string(),
  name: z.string(),
  quantity: z.number().int().min(1),
  kind: z.string(),
  detail: z.string(),
});
export type ItemStack = z.infer<typeof ItemStack>;

/** A character's purse, bags and worn equipment (docs/gameplay.md, "Items"). */
export const Belongings = z.object({
  coins: z.number().int().min(0),
  /** How many bag slots there are (numbered 1..bagSlots). */
  bagSlots: z.number().int().min(0),
  bags: z.array(ItemStack.extend({ slot: z.number().int().min(1) })),
  equipment: z.array(ItemStack.extend({ slot: EquipSlot })),
});
export type Belongings = z.infer<typeof Belongings>;

/** What a kill left for you to take with /loot; gone after `expiresIn` seconds. */
export const LootWindow = z.object({
  from: z.string(),
  items: z.array(ItemStack),
  expiresIn: z.number().min(0),
});
export type LootWindow = z.infer<typeof LootWindow>;

/** A quest in your log, or one an NPC near you offers (`status: 'offered'`). */
export const QuestEntry = z.object({
  id: z.string(),
  name: z.string(),
  giver: z.string(),
  description: z.string(),
  /** `ready`: the objective is met, turn it in at the giver. */
  status: z.enum(['offered', 'active', 'ready', 'done']),
  /** What to do, e.g. "Kill Wild boar" or "Bring Wolf Pelt". */
  objective: z.string(),
  progress: z.number().int().min(0),
  goal: z.number().int().min(1),
  /** E.g. "10 coins, 25 xp, Tusker Boots". */
  reward: z.string(),
});
export type QuestEntry = z.infer<typeof QuestEntry>;

export const StateUpdate = z.object({
  character: z
    .object({ x: z.number(), y: z.number(), z: z.number(), heading: z.number(), moving: z.boolean(), level: z.number().int(), xp: z.number().int() })
    .merge(Resources.partial())
    .partial()
    .optional(),
  /** The whole combat view, sent when it changes (docs/gameplay.md, "Combat"). */
  combat: CombatState.optional(),
  /** When present, the complete list of your party's other members (empty: you are in no party). */
  allies: z.array(AllyState).optional(),
  /** When present, all your coins, bags and equipment (sent on entering and after every change). */
  belongings: Belongings.optional(),
  /** When present, the loot waiting for you; null: none (taken, or expired). */
  loot: LootWindow.nullable().optional(),
  /** When present, your whole quest log, and quests NPCs near you offer. */
  quests: z.array(QuestEntry).optional(),
  /** When present, the zone's player-versus-player rule and your duel, if any. */
  pvp: z.object({ policy: z.enum(['safe', 'duel', 'open']), duelWith: z.string().optional() }).optional(),
});
export type StateUpdate = z.infer<typeof StateUpdate>;

export const GameEventType = z.enum([
  'speech',
  'emote',
  'system',
  'narrative',
  'look',
  'movement',
  'presence',
  'combat',
  'death',
  'progress',
  'item',
  'trade',
  'quest',
]);
export type GameEventType = z.infer<typeof GameEventType>;

export const OutcomeFlag = z.enum(['critical', 'penetrating', 'deflected', 'glancing']);
export type OutcomeFlag = z.infer<typeof OutcomeFlag>;

/** The facts behind a combat line, for clients that show more than text (floating numbers, health bars). */
export const CombatEventDetail = z.object({
  source: z.object({ id: EntityId, name: z.string() }).optional(),
  target: z.object({ id: EntityId, name: z.string() }),
  /** The ability's name; absent for auto-attacks. */
  ability: z.string().optional(),
  result: z.enum(['hit', 'miss', 'heal', 'status', 'interrupt', 'death']),
  amount: z.number().optional(),
  flags: z.array(OutcomeFlag).optional(),
});
export type CombatEventDetail = z.infer<typeof CombatEventDetail>;

/** Everything a text-only client needs: `text` is always a complete human-readable line. */
export const GameEvent = z.object({
  type: GameEventType,
  text: z.string(),
  channel: z.string().optional(),
  from: z.object({ id: EntityId, name: z.string() }).optional(),
  combat: CombatEventDetail.optional(),
  ts: z.number(),
});
export type GameEvent = z.infer<typeof GameEvent>;

/** Fixed server → client event names (docs/design.md §3). */
/**
 * After a session was resumed (handshake `auth.resume`): the token used is
 * spent, this is the one for the next time. One live token per account.
 */
export const ResumeToken = z.object({ resumeToken: z.string() });
export type ResumeToken = z.infer<typeof ResumeToken>;

/**
 * A zone this client's select was refused for (`zone_unavailable`: nobody
 * simulates it now) is running again: select the character again to enter.
 */
export const ZoneAvailable = z.object({ zoneId: ZoneId, message: z.string() });
export type ZoneAvailable = z.infer<typeof ZoneAvailable>;

export const ServerEvents = {
  world_enter: WorldEnter,
  proximity_roster: ProximityRoster,
  proximity_roster_delta: ProximityRosterDelta,
  state_update: StateUpdate,
  event: GameEvent,
  error: ErrorPayload,
  resume_token: ResumeToken,
  zone_available: ZoneAvailable,
} as const;
export type ServerEventName = keyof typeof ServerEvents;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof ServerEvents)[E]>;
