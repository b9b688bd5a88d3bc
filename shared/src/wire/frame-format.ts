/**
 * The per-tick frame: one binary message per player per tick carrying what
 * changed in that player's view, plus the tick's other messages for it.
 * docs/protocol.md ("Frames") describes every byte; this file is the one
 * place the layout is written down in code. It has no dependencies, so the
 * web client loads it as it is.
 *
 * All integers are little-endian.
 *
 *   header   u8 FRAME_MAGIC, u8 PROTOCOL_VERSION, u8 flags, u32 tick, u16 tick interval (ms)
 *   removed  u16 count, then count × u16 handle
 *   added    u16 count, then count × (u16 handle, u8 kind, motion, u8 id length, id, u8 name length, name)
 *   moved    u16 count, then count × (u16 handle, motion)
 *   messages u32 byte length, then UTF-8 JSON: [[event, data], …] (length 0: none)
 *
 *   motion   i32 x, i32 y, i32 z (centimetres), u16 heading (hundredths of a degree), u16 speed (cm/s)
 */

/** First byte of every frame; nothing else the server sends is binary. */
export const FRAME_MAGIC = 0xae;
/** Raised whenever the wire format changes; the handshake must name it (`auth.protocol`). */
export const PROTOCOL_VERSION = 2;
/** The Socket.IO event name frames are delivered as. */
export const FRAME_EVENT = 'frame';

/** The frame replaces the whole view (after entering a zone or a resync): forget every handle first. */
export const FLAG_FULL = 1;

export const HEADER_BYTES = 9;
export const MOTION_BYTES = 16;
export const MOVED_RECORD_BYTES = 2 + MOTION_BYTES;

/** Entity kinds on the wire, by their index here. */
export const WIRE_KINDS = ['player', 'npc', 'wildlife'] as const;
export type WireKind = (typeof WIRE_KINDS)[number];

/** Centimetres per metre: positions travel as whole centimetres. */
export const POSITION_SCALE = 100;
/** Hundredths of a degree. */
export const HEADING_SCALE = 100;
/** Centimetres per second. */
export const SPEED_SCALE = 100;

/** Where an entity was at `tick` and how it was moving: clients carry it forward until told otherwise. */
export interface Motion {
  x: number;
  y: number;
  z: number;
  /** Compass degrees, 0 = north (+y), clockwise. */
  heading: number;
  /** Metres per second along `heading`; 0 = standing. */
  speed: number;
}

export function quantisePosition(metres: number): number {
  return Math.round(metres * POSITION_SCALE);
}

export function quantiseHeading(degrees: number): number {
  const hundredths = Math.round(degrees * HEADING_SCALE) % (360 * HEADING_SCALE);
  return hundredths < 0 ? hundredths + 360 * HEADING_SCALE : hundredths;
}

export function quantiseSpeed(metresPerSecond: number): number {
  return Math.min(0xffff, Math.max(0, Math.round(metresPerSecond * SPEED_SCALE)));
}
