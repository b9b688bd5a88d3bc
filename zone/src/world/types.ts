import type { Bounds, EntityKind, GameEvent, MoveRequest, Resources, RosterEntry, ServerEventName, ServerEventPayload } from '@aether/shared';

export interface ZoneDef {
  id: string;
  name: string;
  bounds: Bounds;
  spawn: { x: number; y: number };
  adjacent: string[];
}

/** What a mover is trying to do; the tick turns it into motion. */
export type MoveIntent =
  | { kind: 'idle' }
  | { kind: 'heading'; heading: number; speed: number }
  | { kind: 'target'; x: number; y: number };

export interface Entity {
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

export interface PlayerProfile {
  characterId: string;
  archetype: 'warrior' | 'ranger' | 'mage';
  level: number;
  resources: Resources;
}

export interface World {
  readonly zone: ZoneDef;
  readonly tick: number;
  /** Simulated seconds since the zone started; systems time things by this, never by the wall clock. */
  readonly time: number;
  readonly entities: ReadonlyMap<string, Entity>;
  /** What each player was last told about its surroundings, keyed by the player's entity id. */
  readonly rosters: ReadonlyMap<string, ReadonlyMap<string, RosterEntry>>;
}

export function emptyWorld(zone: ZoneDef): World {
  return { zone, tick: 0, time: 0, entities: new Map(), rosters: new Map() };
}

export type Input =
  | { kind: 'join'; entity: Entity }
  | { kind: 'leave'; entityId: string }
  | { kind: 'move'; entityId: string; move: MoveRequest }
  | { kind: 'command'; entityId: string; text: string };

/** A message for one entity's client, produced by the pure core and delivered by the I/O shell. */
export type Outgoing = {
  [E in ServerEventName]: { to: string; event: E; data: ServerEventPayload<E> };
}[ServerEventName];

export function isMoving(entity: Entity): boolean {
  return entity.intent.kind !== 'idle';
}

export function gameEvent(type: GameEvent['type'], text: string, extra: Partial<GameEvent> = {}): GameEvent {
  return { type, text, ts: Date.now(), ...extra };
}
