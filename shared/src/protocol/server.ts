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
  /** ATB gauge, 0 (empty) to 1 (full), once combat reports it. */
  atb: z.number().min(0).max(1).optional(),
});
export type AllyState = z.infer<typeof AllyState>;

export const StateUpdate = z.object({
  character: z
    .object({ x: z.number(), y: z.number(), z: z.number(), heading: z.number(), moving: z.boolean() })
    .merge(Resources.partial())
    .partial()
    .optional(),
  combat: z.record(z.string(), z.unknown()).optional(),
  /** When present, the complete list of your party's other members (empty: you are in no party). */
  allies: z.array(AllyState).optional(),
});
export type StateUpdate = z.infer<typeof StateUpdate>;

export const GameEventType = z.enum(['speech', 'emote', 'system', 'narrative', 'look', 'movement', 'presence']);
export type GameEventType = z.infer<typeof GameEventType>;

/** Everything a text-only client needs: `text` is always a complete human-readable line. */
export const GameEvent = z.object({
  type: GameEventType,
  text: z.string(),
  channel: z.string().optional(),
  from: z.object({ id: EntityId, name: z.string() }).optional(),
  ts: z.number(),
});
export type GameEvent = z.infer<typeof GameEvent>;

/** Fixed server → client event names (DESIGN.md §3). */
export const ServerEvents = {
  world_enter: WorldEnter,
  proximity_roster: ProximityRoster,
  proximity_roster_delta: ProximityRosterDelta,
  state_update: StateUpdate,
  event: GameEvent,
  error: ErrorPayload,
} as const;
export type ServerEventName = keyof typeof ServerEvents;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof ServerEvents)[E]>;
