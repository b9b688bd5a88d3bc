import { z } from 'zod';

/** Entity ids are opaque strings: `c:<characterId>`, `n:<npcId>`, `w:<wildlifeId>`. */
export const EntityId = z.string().min(1).max(64);
export const EntityKind = z.enum(['player', 'npc', 'wildlife']);
export type EntityKind = z.infer<typeof EntityKind>;

export const ZoneId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'zone ids are lowercase letters, digits and dashes');

const finite = () => z.number().finite();

export const Vec2 = z.object({ x: finite(), y: finite() });
export type Vec2 = z.infer<typeof Vec2>;

export const Bounds = z.object({ minX: finite(), minY: finite(), maxX: finite(), maxY: finite() });
export type Bounds = z.infer<typeof Bounds>;

/** Compass degrees: 0 = north (+y), 90 = east (+x), clockwise, in [0, 360). */
export const Heading = finite().min(0).max(360);

export const ErrorCode = z.enum([
  'invalid_payload',
  'unknown_event',
  'unauthorized',
  'outdated_client',
  'rate_limited',
  'not_in_world',
  'already_in_world',
  'name_taken',
  'invalid_name',
  'not_found',
  'unknown_command',
  'invalid_command',
  'too_far',
  'zone_unavailable',
  /** An admin command from an account without the admin role. */
  'forbidden',
  /** Chat from a muted account; the message says until when. */
  'muted',
  /** A chat line longer than the zone's CHAT_MAX_LENGTH. */
  'chat_too_long',
  /** More chat lines than CHAT_BURST at once or CHAT_LINES_PER_MINUTE over time. */
  'chat_rate_limited',
  /** character_create on an account that holds LIMIT_CHARACTERS_PER_ACCOUNT characters already. */
  'too_many_characters',
  /** A command longer than the gateway's LIMIT_COMMAND_LENGTH. */
  'command_too_long',
  /** A connection from an address that holds LIMIT_CONNECTIONS_PER_IP already (connect_error data.code). */
  'too_many_connections',
  /** Output piled up unread past LIMIT_OUTBOUND_BUFFER_BYTES; the connection is closed. */
  'connection_too_slow',
  /** An admin kicked the player (player.kick); the connection is closed. */
  'kicked',
  /** The account is banned: at the handshake or login, or a player.kick from an admin's ban; the message says until when. */
  'banned',
  /** Password login: wrong username or password (which of the two is never said). */
  'invalid_credentials',
  /** Registration: another account has this username. */
  'username_taken',
  /** A purchase costs more coins than the character has. */
  'not_enough_coins',
  /** No bag slot has room for what was bought, looted or unequipped. */
  'bags_full',
  /** An ability or item used again before its cooldown ran out. */
  'cooldown',
  /** The rules forbid it here: harming a player in a safe zone or outside a duel, a party member, a quest not offered. */
  'not_allowed',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorPayload = z.object({ code: ErrorCode, message: z.string() });
export type ErrorPayload = z.infer<typeof ErrorPayload>;
