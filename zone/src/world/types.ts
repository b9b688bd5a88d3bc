import type { Bounds, BusPayload, EntityKind, GameEvent, MoveRequest, Resources, ServerEventName, ServerEventPayload } from '@aether/shared';

export interface ZoneDef {
  id: string;
  name: string;
  bounds: Bounds;
  spawn: { x: number; y: number };
  adjacent: string[];
  /** The adjacent zones' areas (one world coordinate system), for crossing borders and seeing across them. */
  neighbors?: Array<{ id: string; bounds: Bounds }>;
  /** Who may hurt whom (zone/src/combat/pvp, docs/gameplay.md "Player versus player"); absent: 'safe'. */
  pvp?: 'safe' | 'duel' | 'open';
}

/** What a mover is trying to do; the tick turns it into motion. */
export type MoveIntent = { kind: 'idle' } | { kind: 'heading'; heading: number; speed: number } | { kind: 'target'; x: number; y: number };

/**
 * What features hang on an entity. The kernel knows none of them: each
 * feature adds its own slot where it defines the component's type, by
 * declaration merging, so a new game system never edits this file:
 *
 *   declare module '../world/types.js' {
 *     interface EntityComponents { readonly combat?: Combatant }
 *   }
 *
 * Slots today: combat (zone/src/combat/combatant.ts), wildlife
 * (zone/src/wildlife/creature.ts), npc (zone/src/npc/npc-state.ts).
 */
// biome-ignore lint/suspicious/noEmptyInterface: features add members by declaration merging, which a type alias cannot take
export interface EntityComponents {}

export interface Entity extends EntityComponents {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly z: number;
  /** Compass degrees, 0 = north (+y), clockwise. */
  readonly heading: number;
  readonly maxSpeed: number;
  readonly intent: MoveIntent;
  /** Set for player-controlled entities. */
  readonly player?: PlayerProfile;
}

/** What features keep on a player's profile, added like EntityComponents (chat: zone/src/chat/chat-allowance.ts). */
// biome-ignore lint/suspicious/noEmptyInterface: features add members by declaration merging, which a type alias cannot take
export interface PlayerComponents {}

export interface PlayerProfile extends PlayerComponents {
  characterId: string;
  archetype: 'warrior' | 'ranger' | 'mage';
  level: number;
  resources: Resources;
  /** The account behind the character, loaded from PostgreSQL at join (never from the client). */
  accountId?: string;
  /** Present when the account's role is admin: admin commands need it. */
  admin?: true;
  /** Wall-clock ms (epoch) the account is muted until: account.muted_until at join, or a /mute since. */
  mutedUntil?: number;
}

/**
 * What features keep on the world itself between ticks, added like
 * EntityComponents (wildlife's respawn timers: zone/src/wildlife/creature.ts).
 * The tick carries these across unchanged unless their system replaces them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: features add members by declaration merging, which a type alias cannot take
export interface WorldComponents {}

export interface World extends WorldComponents {
  readonly zone: ZoneDef;
  readonly tick: number;
  /** Simulated seconds since the zone started; systems time things by this, never by the wall clock. */
  readonly time: number;
  readonly entities: ReadonlyMap<string, Entity>;
  /** Entities near the border that neighbouring zones reported, by the zone that reported them. */
  readonly ghosts: ReadonlyMap<string, GhostReport>;
  /** Neighbours last sent a non-empty border report, so they get one empty report when it clears. */
  readonly borderShown: ReadonlySet<string>;
}

export interface GhostReport {
  readonly entities: readonly Entity[];
  /** World time the report arrived; stale reports (a neighbour that went quiet) are dropped. */
  readonly receivedAt: number;
}

export function emptyWorld(zone: ZoneDef): World {
  return { zone, tick: 0, time: 0, entities: new Map(), ghosts: new Map(), borderShown: new Set() };
}

export type Input =
  | { kind: 'join'; entity: Entity }
  | { kind: 'leave'; entityId: string }
  | { kind: 'move'; entityId: string; move: MoveRequest }
  | { kind: 'command'; entityId: string; text: string }
  /** The player's client lost track (a gateway saw a gap, or the player moved gateways): send everything again. */
  | { kind: 'resync'; entityId: string }
  /** A neighbouring zone's report of what stands near our shared border. */
  | { kind: 'ghosts'; fromZoneId: string; entities: Entity[] }
  /** The account's standing changed (a re-join reloaded it, an admin muted or unmuted it); absent fields stay as they are. */
  | { kind: 'account'; entityId: string; admin?: boolean; mutedUntil?: number | null }
  /** The party the player is in changed, or was looked up (zone/src/party); null: none. Party members do not harm each other. */
  | { kind: 'party'; entityId: string; partyId: string | null }
  /** An admin moved the player to another point of this zone. */
  | { kind: 'teleport'; entityId: string; x: number; y: number }
  /** An NPC's LLM reply, for the player who asked only (zone/src/server/effects/npc-replies.ts). */
  | { kind: 'npc_reply'; npcEntityId: string; to: string; text: string }
  /** A blow from across a border at an entity here, and what came of ours over there (zone/src/combat/remote/). */
  | { kind: 'strike'; strike: BusPayload<'zone.strike'> }
  | { kind: 'strike_result'; result: BusPayload<'zone.strike_result'> };

/** A message for one entity's client, produced by the pure core and delivered by the I/O shell. */
export type Outgoing = {
  [E in ServerEventName]: { to: string; event: E; data: ServerEventPayload<E> };
}[ServerEventName];

export function isMoving(entity: Entity): boolean {
  return entity.intent.kind !== 'idle';
}

/**
 * An `event` for a client, stamped `ts` (wall-clock ms): inside the tick that
 * is `context.now()` from the step context, never the clock read here, so the
 * pure core stays a function of its inputs (zone/src/boundaries.test.ts).
 */
export function gameEvent(ts: number, type: GameEvent['type'], text: string, extra: Partial<GameEvent> = {}): GameEvent {
  return { type, text, ts, ...extra };
}
