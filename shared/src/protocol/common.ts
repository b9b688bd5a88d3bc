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
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorPayload = z.object({ code: ErrorCode, message: z.string() });
export type ErrorPayload = z.infer<typeof ErrorPayload>;
