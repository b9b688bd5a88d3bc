import { z } from 'zod';
import { MoveRequest } from './client.js';
import { CombatSnapshot } from './combat-snapshot.js';
import { EntityId, EntityKind } from './common.js';
import { GameEvent, RosterEntry, ServerEvents, type ServerEventName } from './server.js';

/**
 * Messages that travel between processes on the MessageBus. Every one is
 * encoded and decoded through these schemas by both bus implementations, so
 * the in-process bus cannot accept anything Redis would not carry.
 */

export const Channels = {
  zoneInput: (zoneId: string) => `zone:${zoneId}:input`,
  zoneBroadcast: (zoneId: string) => `zone:${zoneId}:broadcast`,
  gatewayOutput: (gatewayId: string) => `gateway:${gatewayId}:output`,
  assignments: 'zone:assignments',
  /** Admin announcements: every zone host listens and tells all its players (docs/gameplay.md, "Administration"). */
  announcements: 'world:announcements',
} as const;

export const Keys = {
  zoneAssignment: (zoneId: string) => `zone:assignment:${zoneId}`,
  zoneLease: (zoneId: string) => `zone:lease:${zoneId}`,
  playerLocation: (characterId: string) => `player:location:${characterId}`,
  serverHeartbeat: (serverId: string) => `server:heartbeat:${serverId}`,
  /** A character's combat state kept for `COMBAT_RELOG_WINDOW_S` after it leaves the world (docs/gameplay.md). */
  combatRelog: (characterId: string) => `combat:relog:${characterId}`,
  /** Hash zoneId → write token: which `zone:assignment:{zoneId}` exist, so listing them scans nothing (docs/design.md §4). */
  zoneAssignmentIndex: 'zone:assignment-index',
  /** Hash serverId → write token: which `server:heartbeat:{serverId}` may exist; readers drop expired ones. */
  serverHeartbeatIndex: 'server:heartbeat-index',
} as const;

/**
 * A session is one socket's stay in the world with one character: the
 * gateway names it with a random id at select. The zone keeps the id of the
 * latest join, so a late leave from a connection the character has since
 * left (on this gateway or another) names an older session and is ignored.
 */
export const SessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a session id is 8 to 64 URL-safe characters');
export const PlayerJoin = z.object({ characterId: z.string(), gatewayId: z.string(), sessionId: SessionId });
export const PlayerLeave = z.object({ characterId: z.string(), sessionId: SessionId });
/**
 * A zone (an admin command) or the gateway's own admin port tells the gateway
 * holding a character to close its connection, with the error the client sees.
 */
export const PlayerKick = z.object({
  characterId: z.string(),
  code: z.enum(['kicked', 'banned']),
  message: z.string().max(500),
});
export const PlayerMove = z.object({ characterId: z.string(), move: MoveRequest });
export const PlayerCommand = z.object({ characterId: z.string(), text: z.string() });
/** The gateway missed messages (a seq gap): send these players everything again. */
export const PlayerResync = z.object({ characterIds: z.array(z.string()) });

/** A character's live state, carried across a zone border so the next zone needs no database read. */
export const TransferredCharacter = z.object({
  x: z.number(),
  y: z.number(),
  z: z.number(),
  heading: z.number(),
  intent: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('idle') }),
    z.object({ kind: z.literal('heading'), heading: z.number(), speed: z.number() }),
    z.object({ kind: z.literal('target'), x: z.number(), y: z.number() }),
  ]),
});
export const PlayerTransfer = z.object({
  transferId: z.string(),
  characterId: z.string(),
  gatewayId: z.string(),
  /** The session the character is in, so the next zone accepts that session's leave. */
  sessionId: SessionId,
  fromZoneId: z.string(),
  state: TransferredCharacter,
  /** Cooldowns, effects, gauge and target; optional, so a zone of an older version that sends none is still heard (fresh state). */
  combat: CombatSnapshot.optional(),
});

/** An admin's /teleport, sent to the zone the character is in: it moves them there, or hands them over like a border crossing. */
export const PlayerTeleport = z.object({ characterId: z.string(), zoneId: z.string(), x: z.number().finite(), y: z.number().finite() });
/** An admin's /mute or /unmute, sent to the zone the character is in so it applies at once (epoch ms; null: not muted). */
export const PlayerMute = z.object({ characterId: z.string(), mutedUntil: z.number().int().nullable() });
/** An admin's /announce, on `Channels.announcements`: every zone host tells every player it has. */
export const WorldAnnounce = z.object({ from: z.string().max(64), text: z.string().max(500) });

/** Entities within sight of a border, for the zone on the other side to show (border interest). */
export const BorderEntity = RosterEntry.pick({ id: true, kind: true, name: true, x: true, y: true, z: true, heading: true, moving: true }).extend({
  /** Metres per second along `heading`, so the other side can carry it forward between reports. */
  speed: z.number().min(0).optional(),
  /** A fighter's hp in percent (0: dead), for a target frame across the border; absent for what cannot fight. */
  health: z.number().min(0).max(100).optional(),
});
export const ZoneBorder = z.object({ fromZoneId: z.string(), entities: z.array(BorderEntity) });

/** A shout heard across a border: players in the receiving zone within shout range of (x, y), world coordinates, hear it. */
export const ZoneShout = z.object({
  fromZoneId: z.string(),
  from: z.object({ id: z.string(), name: z.string() }),
  x: z.number().finite(),
  y: z.number().finite(),
  text: z.string().max(500),
});

/**
 * A /say or /emote heard across a border: the speaker stood within that
 * channel's range of the receiving zone, whose players within the same range
 * of (x, y), world coordinates, hear it as if the border were not there.
 */
export const ZoneSpeech = z.object({
  fromZoneId: z.string(),
  channel: z.enum(['say', 'emote']),
  from: z.object({ id: z.string(), name: z.string() }),
  x: z.number().finite(),
  y: z.number().finite(),
  text: z.string().max(500),
});

/**
 * A blow across a border (docs/gameplay.md, "Borders"): the attacker's zone
 * found it due, in reach and paid for, and sends what the target's zone needs
 * to resolve it there with its own dice and the target's real stats.
 */
const RemoteAttacker = z.object({
  id: EntityId,
  name: z.string().max(64),
  kind: EntityKind,
  level: z.number().int().min(1).max(1000),
  stats: z.object({
    strength: z.number().finite().min(0).max(10_000),
    agility: z.number().finite().min(0).max(10_000),
    intellect: z.number().finite().min(0).max(10_000),
    speed: z.number().finite().min(0).max(10_000),
  }),
});
const Amount = z.number().int().min(0).max(100_000);
export const ZoneStrike = z.object({
  fromZoneId: z.string(),
  attacker: RemoteAttacker,
  targetId: EntityId,
  /** The ability's name for the combat lines; absent: an auto-attack. */
  ability: z.string().max(64).optional(),
  /** Metres the weapon or ability reaches: the target's zone checks it against where it last saw the attacker. */
  reach: z.number().finite().min(0).max(1000),
  effect: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('damage'), minDamage: Amount, maxDamage: Amount, bonus: Amount }),
    z.object({
      kind: z.literal('status'),
      status: z.enum(['haste', 'slow', 'stun']),
      magnitude: z.number().finite().min(0).max(100),
      duration: z.number().finite().min(0).max(600),
    }),
  ]),
});
/** What came of strikes across a border, for the attacker's zone: its lines, and its reward for a kill. */
export const ZoneStrikeResult = z.object({
  fromZoneId: z.string(),
  attackerId: EntityId,
  targetId: EntityId,
  /** The combat lines the attacker's client shows. */
  events: z.array(GameEvent).max(32),
  /** The target died, or is not there to fight: the attacker stops. */
  ended: z.boolean(),
  /** Experience for the attacker's share of a kill. */
  xp: z.object({ amount: Amount, from: z.string().max(80) }).optional(),
  /** What dropped for the attacker (the one who dealt the most damage). */
  loot: z
    .array(z.object({ itemId: z.string().max(64), quantity: z.number().int().min(1).max(1000) }))
    .max(32)
    .optional(),
});

export const AssignmentsChanged = z.object({ zoneIds: z.array(z.string()) });

/** Tells a gateway which zone now holds one of its players (after a border crossing or a failover). */
export const PlayerRoute = z.object({ characterId: z.string(), zoneId: z.string() });

const clientMessage = <E extends ServerEventName>(event: E) => z.object({ characterId: z.string(), event: z.literal(event), data: ServerEvents[event] });

export const ClientMessage = z.discriminatedUnion('event', [
  clientMessage('world_enter'),
  clientMessage('proximity_roster'),
  clientMessage('proximity_roster_delta'),
  clientMessage('state_update'),
  clientMessage('event'),
  clientMessage('error'),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** A player's frame for one tick (shared/src/wire/frame-format.ts), encoded by the zone and passed to the socket as it is. */
export const ClientFrame = z.object({
  characterId: z.string(),
  frame: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'a frame is bytes' }),
});
export type ClientFrame = z.infer<typeof ClientFrame>;

/**
 * One envelope per tick per gateway carries every client message that tick
 * produced: a frame per player (view changes and the tick's messages), and
 * messages sent outside the tick (replies to joins, shouts from next door).
 */
export const ClientBatch = z.object({ messages: z.array(ClientMessage), frames: z.array(ClientFrame).optional() });
export type ClientBatch = z.infer<typeof ClientBatch>;

export const BusMessages = {
  'player.join': PlayerJoin,
  'player.leave': PlayerLeave,
  'player.kick': PlayerKick,
  'player.move': PlayerMove,
  'player.command': PlayerCommand,
  'player.resync': PlayerResync,
  'player.transfer': PlayerTransfer,
  'player.teleport': PlayerTeleport,
  'player.mute': PlayerMute,
  'player.route': PlayerRoute,
  'zone.border': ZoneBorder,
  'zone.shout': ZoneShout,
  'zone.speech': ZoneSpeech,
  'zone.strike': ZoneStrike,
  'zone.strike_result': ZoneStrikeResult,
  'zone.assignments_changed': AssignmentsChanged,
  'world.announce': WorldAnnounce,
  'client.batch': ClientBatch,
} as const;
export type BusMessageType = keyof typeof BusMessages;
export type BusPayload<T extends BusMessageType> = z.infer<(typeof BusMessages)[T]>;

export const ENVELOPE_VERSION = 1;
export const Envelope = z.object({
  v: z.literal(ENVELOPE_VERSION),
  type: z.string(),
  source: z.string(),
  seq: z.number().int().nonnegative(),
  ts: z.number(),
  payload: z.unknown(),
});
export type Envelope = z.infer<typeof Envelope>;
export type TypedEnvelope<T extends BusMessageType> = Omit<Envelope, 'type' | 'payload'> & {
  type: T;
  payload: BusPayload<T>;
};
