import { FLAG_FULL, FRAME_MAGIC, HEADER_BYTES, MOVED_RECORD_BYTES, PROTOCOL_VERSION } from '@aether/shared/wire';
import type { EntityRecord } from './entity-record.js';

/** Copies a record's bytes; a plain loop beats Buffer#copy's native call for a few bytes. */
function put(target: Buffer, at: number, source: Buffer, from: number, count: number): void {
  for (let i = 0; i < count; i++) target[at + i] = source[from + i]!;
}

/**
 * Writes one player's frame (layout in shared/src/wire/frame-format.ts) from
 * records the zone encoded once for everyone.
 */
export function writeFrame(
  tick: number,
  intervalMs: number,
  full: boolean,
  removed: readonly number[],
  added: readonly EntityRecord[],
  moved: readonly EntityRecord[],
  messages: string | undefined,
): Buffer {
  let size = HEADER_BYTES + 2 + removed.length * 2 + 2 + 2 + moved.length * MOVED_RECORD_BYTES + 4;
  for (let i = 0; i < added.length; i++) size += added[i]!.addedBytes;
  const messageBytes = messages === undefined ? 0 : Buffer.byteLength(messages, 'utf8');
  size += messageBytes;

  const frame = Buffer.allocUnsafe(size);
  frame[0] = FRAME_MAGIC;
  frame[1] = PROTOCOL_VERSION;
  frame[2] = full ? FLAG_FULL : 0;
  frame.writeUInt32LE(tick >>> 0, 3);
  frame.writeUInt16LE(Math.min(0xffff, Math.round(intervalMs)), 7);
  let at = HEADER_BYTES;
  frame.writeUInt16LE(removed.length, at);
  at += 2;
  for (let i = 0; i < removed.length; i++, at += 2) frame.writeUInt16LE(removed[i]!, at);
  frame.writeUInt16LE(added.length, at);
  at += 2;
  for (let i = 0; i < added.length; i++) {
    const record = added[i]!;
    frame.writeUInt16LE(record.handle, at);
    frame[at + 2] = record.kindIndex;
    put(frame, at + 3, record.moved, 2, MOVED_RECORD_BYTES - 2);
    at += 3 + MOVED_RECORD_BYTES - 2;
    put(frame, at, record.identity, 0, record.identity.byteLength);
    at += record.identity.byteLength;
  }
  frame.writeUInt16LE(moved.length, at);
  at += 2;
  for (let i = 0; i < moved.length; i++, at += MOVED_RECORD_BYTES) put(frame, at, moved[i]!.moved, 0, MOVED_RECORD_BYTES);
  frame.writeUInt32LE(messageBytes, at);
  at += 4;
  if (messages !== undefined) frame.write(messages, at, 'utf8');
  return frame;
}
